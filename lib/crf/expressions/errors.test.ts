import { describe, expect, it } from "vitest";
import { EXPRESSION_ERROR_CODES, expressionErrorKey } from "@/lib/crf/expressions/errors";
import { messages } from "@/messages";

function at(catalogue: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((o, p) => (o && typeof o === "object" ? (o as Record<string, unknown>)[p] : undefined), catalogue);
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("expression error messages", () => {
  it("every error code has a message in both languages, with the same placeholders", () => {
    for (const code of EXPRESSION_ERROR_CODES) {
      const [zh, en] = [at(messages["zh-CN"], expressionErrorKey(code)), at(messages.en, expressionErrorKey(code))];
      expect([code, typeof zh, typeof en]).toEqual([code, "string", "string"]);
      expect([code, placeholders(zh as string)]).toEqual([code, placeholders(en as string)]);
    }
  });

  it("no message is left without a code", () => {
    const errors = at(messages.en, "crf.expressions.errors") as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual([...EXPRESSION_ERROR_CODES].sort());
  });
});
