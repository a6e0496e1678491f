import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { changeForm } from "@/lib/crf/change-form";
import { crfNameField, itemFields, itemFromInput } from "@/lib/crf/item-fields";
import { amendmentFields } from "@/lib/studies/fields";
import { idField } from "@/lib/validation/fields";

/** Changes an item of a form (its name too: `item` names the item as it is now). */
export const updateItemCommand = defineCommand({
  name: "crf.item.update",
  schema: z.strictObject({ studyId: idField, formId: idField, item: crfNameField, ...itemFields, ...amendmentFields }),
  permission: "crf.design",
  handler: (ctx) =>
    changeForm(ctx, "crf.item.updated", (before) => {
      const at = before.items.findIndex((i) => i.name === ctx.input.item);
      if (at < 0) throw notFound();
      const items = before.items.map((i, k) => (k === at ? itemFromInput(ctx.input, i) : i));
      return { after: { ...before, items }, itemName: ctx.input.name };
    }),
});
