import bwipjs from "bwip-js/node";

/** A specimen barcode as Code 128 SVG, drawn on the server (no canvas, no client script). */
export function code128Svg(text: string): string {
  return bwipjs.toSVG({ bcid: "code128", text, scale: 2, height: 9, includetext: false, paddingwidth: 0, paddingheight: 0 });
}

/** The same code as a DataMatrix square, for small tubes. */
export function dataMatrixSvg(text: string): string {
  return bwipjs.toSVG({ bcid: "datamatrix", text, scale: 2 });
}
