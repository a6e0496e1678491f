import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { storageBoxes } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { boxSideField, storageCodeField } from "@/lib/biobank/fields";
import { storageWriteScope } from "@/lib/biobank/scope";
import { uniqueCode } from "@/lib/biobank/unique-code";
import { idField } from "@/lib/validation/fields";

export const createBoxSchema = z.strictObject({ rackId: idField, code: storageCodeField, rows: boxSideField, cols: boxSideField });

/** A box of rows × columns in a rack of the actor's centre. */
export const createBoxCommand = defineCommand({
  name: "biobank.box.create",
  schema: createBoxSchema,
  permission: "biobank.storage.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const [r] = await queryRows<{ id: number; centreId: number }>(
      tx,
      sql`select r.id, f.centre_id as "centreId" from storage_racks r join storage_freezers f on f.id = r.freezer_id
          where r.id = ${input.rackId} and ${storageWriteScope(actor, sql`f.centre_id`)}`,
    );
    if (!r) throw notFound();
    const [b] = await uniqueCode(() => tx.insert(storageBoxes).values({ ...input, centreId: r.centreId }).returning());
    audit({ action: "storage.box_created", entityType: "storage_box", entityId: b.id, centreId: r.centreId, after: b });
    return { id: b.id };
  },
});
