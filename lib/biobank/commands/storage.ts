import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { storageBoxes, storageFreezers, storageRacks } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { fieldError, notFound } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";
import { storageWriteScope } from "@/lib/biobank/scope";
import { idField } from "@/lib/validation/fields";

const code = z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,12}$/, "validation.invalid");
const id = idField;

export const createFreezerSchema = z.strictObject({ code, name: z.string().trim().min(1).max(80), temperatureC: z.coerce.number().int().min(-200).max(8) });
export const createRackSchema = z.strictObject({ freezerId: id, code });
export const createBoxSchema = z.strictObject({ rackId: id, code, rows: z.coerce.number().int().min(1).max(26), cols: z.coerce.number().int().min(1).max(26) });

async function uniqueOr<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError("code", "biobank.errors.codeTaken");
    throw err;
  }
}

/** A freezer at the actor's own centre. */
export async function createFreezer({ actor, input, tx, audit }: ActionContext<z.infer<typeof createFreezerSchema>>) {
  const [f] = await uniqueOr(() => tx.insert(storageFreezers).values({ ...input, centreId: actor.centreId }).returning());
  audit({ action: "storage.freezer_created", entityType: "storage_freezer", entityId: f.id, centreId: f.centreId, after: f });
  return { id: f.id };
}

/** A rack in a freezer of the actor's centre (a crafted freezer id elsewhere is not found). */
export async function createRack({ actor, input, tx, audit }: ActionContext<z.infer<typeof createRackSchema>>) {
  const [f] = await queryRows<{ id: number; centreId: number }>(
    tx,
    sql`select id, centre_id as "centreId" from storage_freezers f where f.id = ${input.freezerId} and ${storageWriteScope(actor, sql`f.centre_id`)}`,
  );
  if (!f) throw notFound();
  const [r] = await uniqueOr(() => tx.insert(storageRacks).values(input).returning());
  audit({ action: "storage.rack_created", entityType: "storage_rack", entityId: r.id, centreId: f.centreId, after: r });
  return { id: r.id };
}

/** A box of rows × columns in a rack of the actor's centre. */
export async function createBox({ actor, input, tx, audit }: ActionContext<z.infer<typeof createBoxSchema>>) {
  const [r] = await queryRows<{ id: number; centreId: number }>(
    tx,
    sql`select r.id, f.centre_id as "centreId" from storage_racks r join storage_freezers f on f.id = r.freezer_id
        where r.id = ${input.rackId} and ${storageWriteScope(actor, sql`f.centre_id`)}`,
  );
  if (!r) throw notFound();
  const [b] = await uniqueOr(() => tx.insert(storageBoxes).values({ ...input, centreId: r.centreId }).returning());
  audit({ action: "storage.box_created", entityType: "storage_box", entityId: b.id, centreId: r.centreId, after: b });
  return { id: b.id };
}
