import { z } from "zod";

/**
 * Invisible characters that make a value look different from what it is: zero-width space,
 * joiners, word joiner, BOM, soft hyphen, bidi controls and other format characters.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NFC, invisible characters removed, trimmed; multi-line text keeps its line breaks. */
export function normaliseText(v: string): string {
  return v.normalize("NFC").replace(INVISIBLE, "").trim();
}

type TextOptions = { max: number; min?: number; multiline?: boolean };

function check(v: string, ctx: z.RefinementCtx, o: TextOptions): string | typeof z.NEVER {
  if (v.includes("\u0000") || CONTROL.test(o.multiline ? v : v.replace(/[\t\r\n]/g, " ")) || LONE_SURROGATE.test(v)) {
    ctx.addIssue({ code: "custom", message: "validation.badCharacters" });
    return z.NEVER;
  }
  const s = normaliseText(v);
  const out = o.multiline ? s : s.replace(/\s+/g, " ");
  if (out === "") {
    ctx.addIssue({ code: "custom", message: "validation.required" });
    return z.NEVER;
  }
  const len = [...out].length;
  if (len > o.max) {
    ctx.addIssue({ code: "custom", message: "validation.tooLong", params: { max: o.max } });
    return z.NEVER;
  }
  if (o.min && len < o.min) {
    ctx.addIssue({ code: "custom", message: "validation.tooShort", params: { min: o.min } });
    return z.NEVER;
  }
  return out;
}

/** Guard against huge payloads before any work on them: 4 bytes per character at most. */
const raw = (o: TextOptions) =>
  z.string({ message: "validation.required" }).max(o.max * 4 + 64, { message: "validation.tooLong", params: { max: o.max } } as never);

/** Required text: normalised, bounded, no NUL, control characters or unpaired surrogates. */
export function textField(o: TextOptions) {
  return raw(o).transform((v, ctx) => check(v, ctx, o));
}

/** Optional text: absent, "" or only invisible characters become null. */
export function optionalTextField(o: TextOptions) {
  return z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && normaliseText(v) === "") ? null : v),
    raw(o)
      .transform((v, ctx) => check(v, ctx, o))
      .nullable(),
  );
}

/** Limits stated once for the whole portal. */
export const TEXT_LIMITS = { name: 200, title: 300, email: 254, reason: 500, note: 2000, longText: 10_000, code: 40 } as const;
