import { z } from "zod";
import { described, typeMessage } from "@/lib/validation/field-info";

/**
 * Invisible characters that make a value look different from what it is (or empty when it is
 * not): soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer
 * inherent vowels, Mongolian variation selectors, zero-width space/joiners, bidi marks and
 * embeddings, word joiner and invisible operators, BOM, interlinear annotation, tag characters.
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NFC, invisible characters removed, trimmed; multi-line text keeps its line breaks. */
export function normaliseText(v: string): string {
  return v.normalize("NFC").replace(INVISIBLE, "").trim();
}

/** True when nothing but blanks and invisible characters is left (an empty form field). */
export function isBlankText(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && normaliseText(v) === "");
}

/**
 * NUL and other control characters, and unpaired surrogates (broken UTF-16 that PostgreSQL
 * cannot store): refused with a message on the field rather than failing in the database.
 * Tabs and line breaks are allowed (single-line fields fold them into spaces).
 */
export function hasBadCharacters(v: string): boolean {
  return CONTROL.test(v) || LONE_SURROGATE.test(v);
}

export type TextOptions = { max: number; min?: number; multiline?: boolean };

function check(v: string, ctx: z.RefinementCtx, o: TextOptions): string | typeof z.NEVER {
  if (hasBadCharacters(v)) {
    ctx.addIssue({ code: "custom", message: "validation.badCharacters" });
    return z.NEVER;
  }
  const s = normaliseText(v);
  const out = o.multiline ? s.replace(/\r\n?/g, "\n") : s.replace(/\s+/g, " ");
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

/**
 * A string, refused before any work on it when it is far over the limit (a 100 kB payload is
 * never normalised): 4 code units per character leaves room for invisible characters.
 */
function rawText(o: TextOptions) {
  return z.string({ error: typeMessage("validation.text") }).superRefine((v, ctx) => {
    if (v.length > o.max * 4 + 64) ctx.addIssue({ code: "custom", message: "validation.tooLong", params: { max: o.max }, abort: true });
  });
}

/** Required text: normalised, bounded, no NUL, control characters or unpaired surrogates; blank is "required". */
export function textField(o: TextOptions) {
  return described(
    rawText(o).transform((v, ctx) => check(v, ctx, o)),
    { kind: "text", max: o.max, multiline: o.multiline ?? false },
  );
}

/** Optional text: absent, null, "" or only blanks and invisible characters become null. */
export function optionalTextField(o: TextOptions) {
  return described(
    z.preprocess((v) => (isBlankText(v) ? null : v), rawText(o).transform((v, ctx) => check(v, ctx, o)).nullable()),
    { kind: "text", max: o.max, multiline: o.multiline ?? false },
  );
}

/** Limits stated once for the whole portal (characters). */
export const TEXT_LIMITS = { name: 200, title: 300, email: 254, reason: 500, note: 2000, longText: 10_000, code: 40 } as const;
