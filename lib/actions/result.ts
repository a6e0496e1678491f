export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

/** What a form shows before its first submit. */
export const initialResult = null;
export type FormState<T> = ActionResult<T> | null;
