import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { storageRacks } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { notFound } from "@/lib/actions/errors";
import { storageCodeField } from "@/lib/biobank/fields";
import { storageWriteScope } from "@/lib/biobank/scope";
import { uniqueCode } from "@/lib/biobank/unique-code";
import { idField } from "@/lib/validation/fields";

export const createRackSchema = z.strictObject({ freezerId: idField, code: storageCodeField });

/** A rack in a freezer of the actor's centre (a crafted freezer id elsewhere is not found). */
export const createRackCommand = defineCommand({
  name: "biobank.rack.create",
  schema: createRackSchema,
  permission: "biobank.storage.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const [f] = await queryRows<{ id: number; centreId: number }>(
      tx,
      sql`select id, centre_id as "centreId" from storage_freezers f where f.id = ${input.freezerId} and ${storageWriteScope(actor, sql`f.centre_id`)}`,
    );
    if (!f) throw notFound();
    const [r] = await uniqueCode(() => tx.insert(storageRacks).values(input).returning());
    audit({ action: "storage.rack_created", entityType: "storage_rack", entityId: r.id, centreId: f.centreId, after: r });
    return { id: r.id };
  },
});
