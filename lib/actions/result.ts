export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  /** `replayed`: the same keyed request was seen before; `data` is what it returned then (nothing ran again). */
  | { ok: true; data: T; replayed?: true }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

/** What a form shows before its first submit. */
export const initialResult = null;
export type FormState<T> = ActionResult<T> | null;
