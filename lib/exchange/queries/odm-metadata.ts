import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { crfReadScope } from "@/lib/crf/scope";
import { loadOdmDesign } from "@/lib/exchange/odm/design";
import { metadataXml } from "@/lib/exchange/odm/metadata-xml";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";

/**
 * A study's metadata (events, forms in force, item groups, items, code lists, units, logic) as
 * an ODM 1.3.2 document, for whoever sees the study's form definitions (no participant data);
 * null for a study outside the actor's scope.
 */
export const odmMetadata = defineQuery({
  permission: "crf.read",
  run: async (actor: ReadActor, studyId: number, now: Date): Promise<{ studyCode: string; xml: string } | null> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfReadScope(actor)));
    if (!study) return null;
    const design = await loadOdmDesign(db, study);
    return { studyCode: study.code, xml: metadataXml(design, { fileOid: `${study.code}.metadata.${now.getTime()}`, now }) };
  },
  otherwise: () => null,
});
