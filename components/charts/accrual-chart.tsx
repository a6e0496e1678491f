"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AccrualRow } from "@/lib/metrics/accrual";

/** Cumulative enrolment by month, the planned line and the projection at the recent rate. */
export function AccrualChart({ rows, labels }: { rows: AccrualRow[]; labels: { cumulative: string; planned: string; projected: string } }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals={false} width={48} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line type="monotone" dataKey="planned" name={labels.planned} stroke="#6b7280" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="cumulative" name={labels.cumulative} stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="linear" dataKey="projected" name={labels.projected} stroke="#c2410c" strokeDasharray="2 3" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
