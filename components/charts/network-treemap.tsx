"use client";

import { ResponsiveContainer, Tooltip, Treemap } from "recharts";
import { BAND_FILL, type Band } from "@/components/charts/bands";

export type TreemapNode = { name: string; code: string; size: number; band: Band; children?: TreemapNode[] };

type CellProps = { x?: number; y?: number; width?: number; height?: number; depth?: number; code?: string; band?: Band; children?: unknown };

/** Leaves are drawn filled by their band; parents only as an outline around their leaves. */
function Cell({ x = 0, y = 0, width = 0, height = 0, depth = 0, code, band, children }: CellProps) {
  const parent = Array.isArray(children) && children.length > 0;
  if (depth === 0) return null;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill={parent ? "none" : BAND_FILL[band ?? "none"]} stroke={parent ? "#1f2937" : "#ffffff"} strokeWidth={parent ? 2 : 1} />
      {!parent && width > 36 && height > 16 ? (
        <text x={x + 4} y={y + 14} fontSize={11} fill="#111827">
          {code}
        </text>
      ) : null}
    </g>
  );
}

/** The network below a node as boxes sized by target and coloured by enrolment against plan. */
export function NetworkTreemap({ data }: { data: TreemapNode[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Treemap data={data} dataKey="size" nameKey="name" isAnimationActive={false} content={<Cell />}>
        <Tooltip />
      </Treemap>
    </ResponsiveContainer>
  );
}
