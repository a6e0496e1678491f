"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type CentreBar = { code: string; name: string; enrolledToDate: number; target: number };

/** Enrolment to date against target, one pair of bars per centre. */
export function CentreBars({ rows, labels }: { rows: CentreBar[]; labels: { enrolledToDate: string; target: string } }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="code" tick={{ fontSize: 11 }} interval={0} angle={rows.length > 8 ? -45 : 0} textAnchor={rows.length > 8 ? "end" : "middle"} height={rows.length > 8 ? 48 : 24} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals={false} width={48} />
        <Tooltip labelFormatter={(code) => rows.find((r) => r.code === code)?.name ?? String(code)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="target" name={labels.target} fill="#cbd5e1" isAnimationActive={false} />
        <Bar dataKey="enrolledToDate" name={labels.enrolledToDate} fill="#1d4ed8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
