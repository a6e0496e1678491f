import { labelIn, oneLine, type ScriptInput } from "@/lib/exchange/export/scripts/common";

/** An R string literal (UTF-8; backslashes and quotes escaped). */
export function rString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

const vec = (xs: readonly string[]) => `c(${xs.map(rString).join(", ")})`;

/**
 * The R script that reads every file of the export into a data frame `data_<file>` (base R, as
 * REDCap's: read.csv with the byte-order mark, numbers and dates converted, a `.factor` column
 * beside each coded column with its value labels, a "label" attribute on every column).
 */
export function rScript(input: ScriptInput): string {
  const out: string[] = [
    `# ${input.studyCode}: analysis export, read into R with labels. Base R only.`,
    `# Run it from the folder the zip was unpacked into, e.g. source("read_r.R", encoding = "UTF-8").`,
    `.ncrc_read <- function(path) utils::read.csv(path, fileEncoding = "UTF-8-BOM", colClasses = "character", na.strings = "", check.names = FALSE, stringsAsFactors = FALSE)`,
    "",
  ];
  for (const f of input.files) {
    const df = `data_${f.dataset}`;
    const col = (name: string) => `${df}[[${rString(name)}]]`;
    out.push(`# ${oneLine(labelIn(f.label, input.lang))}`, `${df} <- .ncrc_read(${rString(f.path)})`);
    for (const c of f.columns) {
      const x = col(c.name);
      switch (c.kind) {
        case "integer":
          out.push(`${x} <- as.integer(${x})`);
          break;
        case "number":
          out.push(`${x} <- as.numeric(${x})`);
          break;
        case "date":
          out.push(`${x} <- as.Date(${x}, format = "%Y-%m-%d")`);
          break;
        case "datetime":
          out.push(`${x} <- as.POSIXct(${x}, tz = ${rString(input.timeZone)}, format = ${rString(c.seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M")})`);
          break;
        case "choice":
        case "checked":
        case "missing":
          out.push(`${col(`${c.name}.factor`)} <- factor(${x}, levels = ${vec(c.choices.map((k) => k.code))}, labels = ${vec(c.choices.map((k) => oneLine(labelIn(k.label, input.lang))))})`);
          out.push(`attr(${col(`${c.name}.factor`)}, "label") <- ${rString(oneLine(labelIn(c.label, input.lang)))}`);
          break;
        default:
          break;
      }
      out.push(`attr(${x}, "label") <- ${rString(oneLine(labelIn(c.label, input.lang)))}`);
    }
    out.push("");
  }
  return out.join("\n");
}
