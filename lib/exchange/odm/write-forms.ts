import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfItems, crfRepeatingGroups, type ProtocolVersion } from "@/db/schema";
import { createForm } from "@/lib/crf/store";
import type { OdmForm } from "@/lib/exchange/odm/design";

/**
 * Writes imported forms the way the dictionary import does (lib/crf/store createForm: form,
 * version 1, sections, items, choices), then their repeating groups, which a dictionary has no
 * column for: a group row, and its items pointed at it.
 */
export async function writeOdmForms(tx: Db, actorId: number, studyId: number, pv: ProtocolVersion, forms: readonly OdmForm[]): Promise<void> {
  for (const def of forms) {
    const { formVersion } = await createForm(tx, actorId, studyId, pv, def);
    for (const g of def.groups) {
      const [row] = await tx.insert(crfRepeatingGroups).values({ formVersionId: formVersion.id, name: g.name, labelZh: g.label.zh, labelEn: g.label.en, maxRows: g.maxRows }).returning({ id: crfRepeatingGroups.id });
      await tx.update(crfItems).set({ repeatingGroupId: row.id }).where(and(eq(crfItems.formVersionId, formVersion.id), inArray(crfItems.name, g.items)));
    }
  }
}
