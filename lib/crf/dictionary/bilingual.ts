/**
 * The bilingual convention of dictionaries here: a label in both languages is written as two
 * HTML spans, `<span lang="zh-CN">中文</span><span lang="en">English</span>`, which REDCap
 * renders as they are (both shown) and which keeps "|" and "," free for choices. A label
 * without the spans is the same text in both languages.
 */
import type { Bilingual } from "@/lib/crf/design";

const SPANS = /^\s*<span lang="zh(?:-CN)?">([\s\S]*?)<\/span>\s*<span lang="en">([\s\S]*?)<\/span>\s*$/;

export function parseBilingual(text: string): Bilingual {
  const m = SPANS.exec(text);
  if (!m) return { zh: text.trim(), en: text.trim() };
  return { zh: m[1].trim(), en: m[2].trim() };
}

export function formatBilingual(b: Bilingual): string {
  if (b.zh === b.en) return b.zh;
  return `<span lang="zh-CN">${b.zh}</span><span lang="en">${b.en}</span>`;
}
