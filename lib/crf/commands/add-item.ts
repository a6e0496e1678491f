import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { changeForm } from "@/lib/crf/change-form";
import { itemFields, itemFromInput } from "@/lib/crf/item-fields";
import { amendmentFields } from "@/lib/studies/fields";
import { idField, intField } from "@/lib/validation/fields";

/** Adds an item to a form, at a position (1 = first; default last). */
export const addItemCommand = defineCommand({
  name: "crf.item.add",
  schema: z.strictObject({ studyId: idField, formId: idField, position: intField({ min: 1, max: 5000 }).optional(), ...itemFields, ...amendmentFields }),
  permission: "crf.design",
  handler: (ctx) =>
    changeForm(ctx, "crf.item.added", (before) => {
      if (before.items.some((i) => i.name === ctx.input.name)) throw fieldError("name", "crf.dictionary.problems.duplicateName", { name: ctx.input.name, row: "" });
      const items = [...before.items];
      items.splice(Math.min(ctx.input.position ?? items.length + 1, items.length + 1) - 1, 0, itemFromInput(ctx.input, null));
      return { after: { ...before, items }, itemName: ctx.input.name };
    }),
});
