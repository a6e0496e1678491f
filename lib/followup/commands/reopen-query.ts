import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField, TEXT_LIMITS, textField } from "@/lib/validation/fields";
import { moveQuery } from "@/lib/followup/query-moves";

/** The raiser re-opens an answered or closed query, saying why. */
export const reopenQueryCommand = defineCommand({
  name: "followup.query.reopen",
  schema: z.strictObject({ queryId: idField, note: textField({ max: TEXT_LIMITS.note, multiline: true }) }),
  permission: "followup.query",
  handler: ({ actor, input, tx, audit }) => moveQuery(tx, actor, audit, { queryId: input.queryId, note: input.note, from: ["answered", "closed"], to: "open", kind: "reopened" }),
});
