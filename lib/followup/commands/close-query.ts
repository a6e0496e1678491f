import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { idField, optionalTextField, TEXT_LIMITS } from "@/lib/validation/fields";
import { moveQuery } from "@/lib/followup/query-moves";

/** The raiser closes a query (answered, or open if raised in error). */
export const closeQueryCommand = defineCommand({
  name: "followup.query.close",
  schema: z.strictObject({ queryId: idField, note: optionalTextField({ max: TEXT_LIMITS.note, multiline: true }) }),
  permission: "followup.query",
  handler: ({ actor, input, tx, audit }) => moveQuery(tx, actor, audit, { queryId: input.queryId, note: input.note, from: ["open", "answered"], to: "closed", kind: "closed" }),
});
