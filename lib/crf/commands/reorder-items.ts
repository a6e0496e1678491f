import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { changeForm } from "@/lib/crf/change-form";
import { crfNameField } from "@/lib/crf/item-fields";
import { amendmentFields } from "@/lib/studies/fields";
import { idField, listOf } from "@/lib/validation/fields";

/**
 * Puts a form's items in a new order: `names` lists every item once. Section headers stay with
 * the item that starts the section; matrix groups must stay together (checked).
 */
export const reorderItemsCommand = defineCommand({
  name: "crf.item.reorder",
  schema: z.strictObject({ studyId: idField, formId: idField, names: listOf(crfNameField, 5000), ...amendmentFields }),
  permission: "crf.design",
  handler: (ctx) =>
    changeForm(ctx, "crf.item.reordered", (before) => {
      const names = ctx.input.names;
      const same = names.length === before.items.length && new Set(names).size === names.length && names.every((n) => before.items.some((i) => i.name === n));
      if (!same) throw fieldError("names", "crf.design.errors.reorderMismatch");
      return { after: { ...before, items: names.map((n) => before.items.find((i) => i.name === n)!) }, itemName: null };
    }),
});
