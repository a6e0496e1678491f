import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { crfParticipantScope, crfReadScope } from "@/lib/crf/scope";
import { clinicalAdmin, clinicalSubjects } from "@/lib/exchange/odm/clinical-read";
import { clinicalHead, clinicalTail, formLayouts, subjectXml } from "@/lib/exchange/odm/clinical-xml";
import { loadOdmDesign } from "@/lib/exchange/odm/design";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { networkToday } from "@/lib/time/network-day";

/** Sites (participants' current centres) to export; empty: every site in the actor's scope. */
export type OdmClinicalFilter = { centreIds: readonly number[] };

/**
 * A study's form data as an ODM 1.3.2 clinical data file, streamed subject by subject (memory
 * stays that of one batch): the participants the actor reads on the participant pages
 * (lib/crf/scope.ts crfParticipantScope: site staff their site, monitors and the PI their
 * studies, coordinators their subtree, viewers none), optionally some sites. Null for a study
 * outside the actor's scope. The caller audits the export first (odm-export-clinical).
 */
export const odmClinical = defineQuery({
  permission: "exchange.export",
  run: async (actor: ReadActor, studyId: number, filter: OdmClinicalFilter, now: Date): Promise<{ studyCode: string; subjects: number; chunks: AsyncGenerator<string> } | null> => {
    const db = await getDb();
    const [study] = await db.select().from(studies).where(and(eq(studies.id, studyId), crfReadScope(actor)));
    if (!study) return null;
    const inScope = sql`${crfParticipantScope(actor)} and ${filter.centreIds.length === 0 ? sql`true` : sql`p.centre_id in (${sql.join(filter.centreIds.map((c) => sql`${c}::int`), sql`, `)})`}`;
    const design = await loadOdmDesign(db, study);
    const admin = await clinicalAdmin(db, study.id, inScope);
    const layouts = formLayouts(design);
    const head = clinicalHead(design, { fileOid: `${study.code}.clinical.${now.getTime()}`, now, effectiveDay: networkToday(now) }, admin);
    async function* chunks(): AsyncGenerator<string> {
      yield head;
      // One subject a chunk (a few hundred kB at most): the stream's reader sets the pace.
      for await (const batch of clinicalSubjects(db, study.id, inScope)) for (const subject of batch) yield subjectXml(subject, layouts);
      yield clinicalTail;
    }
    return { studyCode: study.code, subjects: admin.subjects, chunks: chunks() };
  },
  otherwise: () => null,
});
