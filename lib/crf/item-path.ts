import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfFormInstances } from "@/db/schema";
import { loadEntryForm } from "@/lib/crf/instance-store";

/**
 * Whether a query may point at this path of a form instance: an item of the instance's form
 * version that takes an answer ("weight"), or an item of a repeating group in a row the group
 * allows ("lesions.2.diameter"). Descriptive text takes no query.
 */
export async function isCrfItemPath(tx: Db, instanceId: number, path: string): Promise<boolean> {
  const [inst] = await tx.select({ formId: crfFormInstances.formId, formVersionId: crfFormInstances.formVersionId }).from(crfFormInstances).where(eq(crfFormInstances.id, instanceId));
  if (!inst) return false;
  const form = await loadEntryForm(tx, inst.formId, inst.formVersionId);
  if (!form) return false;
  const parts = path.split(".");
  const name = parts[parts.length - 1];
  const item = form.items.find((i) => i.name === name);
  if (!item || item.type === "descriptive") return false;
  const group = (form.groups ?? []).find((g) => g.items.includes(name));
  if (parts.length === 1) return !group;
  return parts.length === 3 && group !== undefined && group.name === parts[0] && /^[1-9]\d{0,2}$/.test(parts[1]) && Number(parts[1]) <= group.maxRows;
}
