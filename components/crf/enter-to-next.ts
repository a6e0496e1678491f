import { FIELD_ATTR } from "@/components/crf/item-control";

/**
 * Fast keyboard entry: Enter in a field moves to the next field (never submits the form);
 * in a long text it stays a new line, on a button it presses the button.
 */
export function enterToNext(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
  const el = e.target as HTMLElement;
  if (el.tagName === "TEXTAREA" || el.tagName === "BUTTON" || el.tagName === "A") return;
  if (el.tagName !== "INPUT" && el.tagName !== "SELECT") return;
  e.preventDefault();
  const root = e.currentTarget;
  const fields = Array.from(root.querySelectorAll<HTMLElement>(`[${FIELD_ATTR}]`)).filter((f) => !(f as HTMLInputElement).disabled && f.offsetParent !== null);
  // A radio group is one stop: skip to the first field after the group.
  const group = el.closest('[role="radiogroup"]');
  let i = fields.indexOf(el);
  while (i >= 0 && i + 1 < fields.length && group && group.contains(fields[i + 1])) i += 1;
  const next = fields[i + 1];
  if (next) {
    const target = next.getAttribute("type") === "radio" ? (next.closest('[role="radiogroup"]')?.querySelector<HTMLElement>("input:checked") ?? next) : next;
    target.focus();
  }
}
