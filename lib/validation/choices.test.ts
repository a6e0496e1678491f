import { describe, expect, it } from "vitest";
import { z } from "zod";
import { boolField, checkboxField, choiceField, optionalChoiceField } from "@/lib/validation/choices";
import { emailField, optionalEmailField } from "@/lib/validation/email";
import { listOf } from "@/lib/validation/lists";
import { textField } from "@/lib/validation/text";

const issue = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  return r.success ? null : { message: r.error.issues[0].message, path: r.error.issues[0].path, params: (r.error.issues[0] as { params?: unknown }).params };
};

describe("choiceField", () => {
  const role = choiceField(["pi", "monitor"]);

  it("takes one of its codes; an unknown one is 'choose an option', a missing one 'required'", () => {
    expect(role.parse("pi")).toBe("pi");
    expect(issue(role, "boss")?.message).toBe("validation.choice");
    expect(issue(role, "x".repeat(100_000))?.message).toBe("validation.choice");
    expect(issue(role, "pi\u0000")?.message).toBe("validation.choice");
    expect(issue(role, ["pi"])?.message).toBe("validation.single");
    expect(issue(role, "")?.message).toBe("validation.required");
    expect(issue(role, undefined)?.message).toBe("validation.required");
  });

  it("optional: blank is null", () => {
    const opt = optionalChoiceField(["a", "b"]);
    expect(opt.parse("")).toBeNull();
    expect(opt.parse("b")).toBe("b");
    expect(issue(opt, "c")?.message).toBe("validation.choice");
  });
});

describe("boolField and checkboxField", () => {
  it("take true/false (and 'true'/'false' from a form), refusing lists and other words", () => {
    expect(boolField.parse("true")).toBe(true);
    expect(boolField.parse(false)).toBe(false);
    expect(issue(boolField, ["true"])?.message).toBe("validation.single");
    expect(issue(boolField, "yes")?.message).toBe("validation.invalid");
  });

  it("a checkbox is ticked with 'on', unticked when absent; a crafted list or word is refused", () => {
    expect(checkboxField.parse("on")).toBe(true);
    expect(checkboxField.parse(undefined)).toBe(false);
    expect(checkboxField.parse("false")).toBe(false);
    expect(checkboxField.parse(true)).toBe(true);
    expect(issue(checkboxField, ["on"])?.message).toBe("validation.single");
    expect(issue(checkboxField, "x".repeat(100_000))?.message).toBe("validation.invalid");
  });
});

describe("emailField", () => {
  it("lower-cases and checks the format", () => {
    expect(emailField.parse("  Wang.Li@Example.CN ")).toBe("wang.li@example.cn");
    expect(issue(emailField, "not-an-email")?.message).toBe("validation.email");
    expect(optionalEmailField.parse("")).toBeNull();
  });

  it("refuses a 100,011-character address as too long (at most 254), NUL as bad characters", () => {
    const long = `${"a".repeat(100_000)}@ncrc.test`;
    expect(long).toHaveLength(100_010 + 0);
    expect(issue(emailField, `${long}x`)).toMatchObject({ message: "validation.tooLong", params: { max: 254 } });
    expect(issue(emailField, `${"a".repeat(250)}@b.cn`)).toMatchObject({ message: "validation.tooLong", params: { max: 254 } });
    expect(issue(emailField, "a\u0000b@ncrc.test")?.message).toBe("validation.badCharacters");
    expect(issue(emailField, ["a@b.cn"])?.message).toBe("validation.single");
  });
});

describe("listOf", () => {
  const labels = listOf(textField({ max: 40 }), 3);

  it("takes a list, a single value as a list of one, and nothing as an empty list", () => {
    expect(labels.parse(["a", "b"])).toEqual(["a", "b"]);
    expect(labels.parse("a")).toEqual(["a"]);
    expect(labels.parse(undefined)).toEqual([]);
  });

  it("refuses more than its maximum as a whole, and bad entries by position", () => {
    // The pipeline reads the limit from the issue ("at most {max} entries").
    const many = labels.safeParse(["a", "b", "c", "d"]).error?.issues[0];
    expect(many).toMatchObject({ code: "too_big", message: "validation.tooMany", path: [], maximum: 3 });
    expect(issue(labels, Array(100_000).fill("x"))).toMatchObject({ message: "validation.tooMany" });
    expect(issue(labels, ["ok", "a\u0000"])).toMatchObject({ message: "validation.badCharacters", path: [1] });
    expect(issue(labels, ["x".repeat(100_000)])).toMatchObject({ message: "validation.tooLong", path: [0] });
  });
});
