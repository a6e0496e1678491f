import type { Bilingual } from "@/lib/crf/design";

const range = (p: Record<string, string | number>) => `${p.min === "" || p.min === undefined ? "…" : p.min} – ${p.max === "" || p.max === undefined ? "…" : p.max}`;

/**
 * The question of the query a confirmed soft-limit breach raises, in both languages (the query
 * thread stores one text): the item, the value and the expected range.
 */
export function softLimitQuestion(label: Bilingual, value: string, params: Record<string, string | number>): string {
  const r = range(params);
  return `「${label.zh}」的值 ${value} 超出预期范围（${r}），录入时已确认，请核实。\nThe value ${value} of "${label.en}" is outside the expected range (${r}); it was confirmed at entry — please check it against the source.`;
}
