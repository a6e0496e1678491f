/**
 * An expected refusal: the message key is translated for the actor. Throw it from a handler
 * (inside the transaction) to roll everything back and answer { ok: false }.
 */
export class ActionError extends Error {
  constructor(
    public readonly key: string,
    public readonly params?: Record<string, string | number>,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(key);
    this.name = "ActionError";
  }
}

/** Not found and not yours look the same from outside: neither reveals that a record exists. */
export function notFound(): ActionError {
  return new ActionError("errors.notFound");
}

export function forbidden(): ActionError {
  return new ActionError("errors.forbidden");
}

/** A field error whose text is a message key; the wrapper translates it. */
export function fieldError(field: string, key: string, params?: Record<string, string | number>): ActionError {
  return new ActionError("errors.validation", params, { [field]: [key] });
}
