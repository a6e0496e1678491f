import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasBadCharacters, normaliseText, optionalTextField, textField } from "@/lib/validation/text";

const issue = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  return r.success ? null : { message: r.error.issues[0].message, params: (r.error.issues[0] as { params?: unknown }).params };
};

const name = textField({ max: 200 });
const note = optionalTextField({ max: 2000, multiline: true });

describe("textField", () => {
  it("normalises to NFC, strips zero-width and other invisible characters, trims and folds spaces", () => {
    expect(name.parse("  Cafe\u0301 \u200BWang\u00A0\u00A0Li\uFEFF ")).toBe("Café Wang Li");
    expect(name.parse("a\u200Db\u2066c\u2069")).toBe("abc");
    expect(name.parse("Zhang\tSan\r\nthe second")).toBe("Zhang San the second");
    expect(note.parse("line 1\r\nline 2\n\nline 4")).toBe("line 1\nline 2\n\nline 4");
    expect(normaliseText("\u3000\u3164 名字 \u180E")).toBe("名字");
  });

  it("treats a value that is blank after normalisation as missing: required, or null when optional", () => {
    for (const v of ["", "   ", "\u200B\u200B\u200B", "\uFEFF\u2060\u00AD", "\u3000"]) {
      expect(issue(name, v)?.message, JSON.stringify(v)).toBe("validation.required");
      expect(note.parse(v)).toBeNull();
    }
    expect(issue(name, undefined)?.message).toBe("validation.required");
    expect(note.parse(undefined)).toBeNull();
    expect(note.parse(null)).toBeNull();
  });

  it("refuses NUL, other control characters and unpaired surrogates with a field message", () => {
    for (const v of ["a\u0000b", "\u0000", "bell\u0007", "esc\u001B[0m", "c1\u0085", "a\uD800b", "end\uD83D", "\uDE00start", "\uFFFF"]) {
      expect(issue(name, v)?.message, JSON.stringify(v)).toBe("validation.badCharacters");
      expect(issue(note, v)?.message, JSON.stringify(v)).toBe("validation.badCharacters");
    }
    // A proper surrogate pair (an emoji, a rare CJK character) is fine.
    expect(name.parse("王𠀀 😀")).toBe("王𠀀 😀");
    expect(hasBadCharacters("ok\ttab\nline")).toBe(false);
  });

  it("bounds the length in characters and says the limit; a huge payload is refused before any work", () => {
    expect(name.parse("字".repeat(200))).toHaveLength(200);
    expect(issue(name, "字".repeat(201))).toEqual({ message: "validation.tooLong", params: { max: 200 } });
    expect(issue(name, "x".repeat(100_000))).toEqual({ message: "validation.tooLong", params: { max: 200 } });
    expect(issue(note, "x".repeat(100_000))).toEqual({ message: "validation.tooLong", params: { max: 2000 } });
    // Invisible characters do not count against the limit.
    expect(name.parse(`${"a".repeat(200)}${"\u200B".repeat(100)}`)).toHaveLength(200);
    expect(issue(textField({ max: 50, min: 5 }), "abc")).toEqual({ message: "validation.tooShort", params: { min: 5 } });
  });

  it("refuses a list or another type as 'one value' or 'text', never as 'required'", () => {
    expect(issue(name, ["Wang"])?.message).toBe("validation.single");
    expect(issue(note, ["a", "b"])?.message).toBe("validation.single");
    expect(issue(name, 42)?.message).toBe("validation.text");
    expect(issue(name, { a: 1 })?.message).toBe("validation.text");
    expect(issue(note, true)?.message).toBe("validation.text");
  });
});
