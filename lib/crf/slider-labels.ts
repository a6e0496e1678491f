import type { Bilingual } from "@/lib/crf/design";

/** A slider's left, middle and right label as a designer types them, each in both languages (blank = none). */
export type SliderLabelSlots = { left: Partial<Bilingual>; middle: Partial<Bilingual>; right: Partial<Bilingual> };

/**
 * The slider labels an item stores (REDCap "left | middle | right"; the form shows two labels at
 * the ends, three spread along): none when all are blank, left and right when the middle is
 * blank, all three otherwise (a blank end then shows nothing). A label typed in one language
 * only is shown in both. Browser-safe: the designer's preview builds the same.
 */
export function sliderLabelsOf(s: SliderLabelSlots): Bilingual[] | null {
  const one = (b: Partial<Bilingual>): Bilingual | null => {
    const zh = b.zh?.trim() ?? "";
    const en = b.en?.trim() ?? "";
    return zh || en ? { zh: zh || en, en: en || zh } : null;
  };
  const [left, middle, right] = [one(s.left), one(s.middle), one(s.right)];
  const none = { zh: "", en: "" };
  if (!left && !middle && !right) return null;
  if (!middle) return [left ?? none, right ?? none];
  return [left ?? none, middle, right ?? none];
}

/** The stored labels back in the three slots (two labels are the ends). */
export function sliderSlotsOf(labels: readonly Bilingual[] | null): SliderLabelSlots {
  const l = labels ?? [];
  const blank = { zh: "", en: "" };
  if (l.length === 3) return { left: l[0], middle: l[1], right: l[2] };
  if (l.length === 2) return { left: l[0], middle: blank, right: l[1] };
  return { left: l[0] ?? blank, middle: blank, right: blank };
}
