import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import { editedSince, markEdited, noEditedFields, shownFieldErrors } from "@/components/forms/field-errors";

const refused: ActionResult<unknown> = { ok: false, message: "Please check the marked fields.", fieldErrors: { code: ["Required"], rows: ["Too big"], results: ["Choose one"] } };

describe("field errors after a refused submit", () => {
  it("show under each field until the user changes that field's value", () => {
    let edited = noEditedFields;
    expect(shownFieldErrors(refused, "code", editedSince(edited, refused))).toEqual(["Required"]);
    edited = markEdited(edited, refused, "code");
    expect(shownFieldErrors(refused, "code", editedSince(edited, refused))).toBeUndefined();
    // Other fields keep theirs.
    expect(shownFieldErrors(refused, "rows", editedSince(edited, refused))).toEqual(["Too big"]);
    // List fields ("results[]") map to their error key.
    edited = markEdited(edited, refused, "results[]");
    expect(shownFieldErrors(refused, "results[]", editedSince(edited, refused))).toBeUndefined();
  });
  it("a new result shows its own errors again, whatever was edited before", () => {
    const edited = markEdited(noEditedFields, refused, "code");
    const again: ActionResult<unknown> = { ok: false, message: "Please check the marked fields.", fieldErrors: { code: ["Taken"] } };
    expect(shownFieldErrors(again, "code", editedSince(edited, again))).toEqual(["Taken"]);
    expect(shownFieldErrors({ ok: true, data: 1 }, "code", editedSince(edited, null))).toBeUndefined();
    expect(shownFieldErrors(null, "code", editedSince(edited, null))).toBeUndefined();
  });
});
