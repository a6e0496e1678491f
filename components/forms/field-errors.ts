import type { ActionResult } from "@/lib/actions/result";

/**
 * Which fields the user has changed since the form's last result. A field's error belongs to
 * the value that was submitted: once that value changes, the error is stale and is hidden
 * (the next submit decides again). Keyed by the result it refers to, so a new result starts
 * with nothing edited.
 */
export type EditedFields = { result: ActionResult<unknown> | null; names: ReadonlySet<string> };

const NONE: ReadonlySet<string> = new Set();

/** A form field's name as the result's field errors know it ("results[]" → "results"). */
function fieldKey(name: string): string {
  return name.endsWith("[]") ? name.slice(0, -2) : name;
}

/** The names edited since `current` (none when the record refers to an older result). */
export function editedSince(edited: EditedFields, current: ActionResult<unknown> | null): ReadonlySet<string> {
  return edited.result === current ? edited.names : NONE;
}

/** The record after the user changed field `name` while `current` is shown. */
export function markEdited(edited: EditedFields, current: ActionResult<unknown> | null, name: string): EditedFields {
  const names = editedSince(edited, current);
  const key = fieldKey(name);
  if (!key || names.has(key)) return edited.result === current ? edited : { result: current, names };
  return { result: current, names: new Set(names).add(key) };
}

/** The errors to show under field `name`: the result's, unless the user has changed the field since. */
export function shownFieldErrors(result: ActionResult<unknown> | null, name: string, edited: ReadonlySet<string>): string[] | undefined {
  if (!result || result.ok) return undefined;
  const key = fieldKey(name);
  return edited.has(key) ? undefined : result.fieldErrors?.[key];
}

export const noEditedFields: EditedFields = { result: null, names: NONE };
