import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { crfItems, crfRepeatingGroups, protocolVersions, studies, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { interpretDictionary } from "@/lib/crf/dictionary/interpret";
import { planSummary } from "@/lib/crf/dictionary/plan";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import type { FormDef } from "@/lib/crf/design";
import { isLimitOf } from "@/lib/crf/limits";
import { createForm } from "@/lib/crf/store";
import { seedClock, type SeedClock } from "@/seed/clock";
import { copyForms } from "@/seed/crf-copy";
import { seedCrfData } from "@/seed/crf-data";
import { COHORT_FORMS, COHORT_STUDIES, COHORT_VISIT_FORMS, DEMO_FORMS, DEMO_GROUPS, OTHER_EVENTS, VISIT_FORMS } from "@/seed/crf-forms-data";
import { eventNameOfVisit } from "@/lib/crf/commands/sync-scheduled-events";
import { ensureVisitAssessmentForm } from "@/lib/crf/visit-assessment";
import { seedVisitQueries } from "@/seed/followup";

/**
 * The demo designs checked with the dictionary import's rules (names unique in the study,
 * choices, limits, branching logic and calculations against every item) and every limit,
 * soft ones included, valid for its item's type. Throws on the first problem: a demo design a
 * PI could not import is a bug of the seed.
 */
export function checkDemoForms(forms: readonly FormDef[] = DEMO_FORMS): void {
  const { problems } = interpretDictionary(formsToRows(forms), { items: {}, forms: [] });
  if (problems.length) throw new Error(`demo CRF: ${problems.map((p) => `row ${p.row} ${p.column}: ${p.key} ${JSON.stringify(p.params ?? {})}`).join("; ")}`);
  for (const item of forms.flatMap((f) => f.items)) {
    for (const k of ["hardMin", "hardMax", "softMin", "softMax"] as const) {
      const v = item[k];
      if (v !== null && !isLimitOf(item.type, v)) throw new Error(`demo CRF: ${item.name}.${k} = ${v} is no limit of a ${item.type}`);
    }
  }
}

/**
 * Demo case report forms: every demo study gets the demo forms under its first protocol version
 * (through lib/crf/store, as an import writes them; a population cohort only those it collects),
 * an event per visit of its schedule plus an unscheduled visit and two study-wide logs, and the
 * forms attached to them, and the standard visit assessment form at every scheduled event; then the
 * participants' data (seed/crf-data.ts) and the queries on the visits (seed/followup.ts: an item
 * query needs its form). Runs after the follow-up step (it needs the visits).
 */
export async function seedCrf(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  checkDemoForms();
  await db.transaction(async (tx) => {
    const t = tx as Db;
    // The completion counters are kept by statement triggers (migration 0025) whose recount is
    // planned from the statistics: rows written earlier in this seed, never analysed yet, made it
    // pick nested loops over whole tables (minutes instead of seconds). ANALYZE sees this
    // transaction's own rows.
    await analyse(t, ["participants", "participant_visits", "visit_definitions"]);
    const list = await t.select({ id: studies.id, code: studies.code, piUserId: studies.piUserId, leadCentreId: studies.leadCentreId }).from(studies).orderBy(asc(studies.id));
    // The first trial writes the design through the store; the other studies copy its forms.
    const source = list.find((s) => !COHORT_STUDIES.includes(s.code));
    if (!source) return;
    for (const s of [source, ...list.filter((x) => x !== source)]) {
      const [pv] = await t.select().from(protocolVersions).where(eq(protocolVersions.studyId, s.id)).orderBy(asc(protocolVersions.version)).limit(1);
      if (!pv) continue;
      const cohort = COHORT_STUDIES.includes(s.code);
      const defs = cohort ? DEMO_FORMS.filter((f) => COHORT_FORMS.includes(f.name)) : DEMO_FORMS;
      let formIds = new Map<string, number>();
      if (s === source) {
        for (const def of defs) {
          const { formId, formVersion } = await createForm(t, s.piUserId, s.id, pv, def);
          formIds.set(def.name, formId);
          await insertGroups(t, formVersion.id, def.name);
        }
      } else {
        formIds = await copyForms(t, source.id, { studyId: s.id, protocolVersionId: pv.id, createdBy: s.piUserId }, defs.map((f) => f.name));
      }
      await insertEvents(t, s.id, pv.id, formIds, cohort ? COHORT_VISIT_FORMS : VISIT_FORMS);
      await ensureVisitAssessmentForm(t, s.id);
      const [pi] = await t.select({ id: users.id, centreId: users.centreId }).from(users).where(eq(users.id, s.piUserId));
      await appendAudit(t, { id: pi.id, centreId: pi.centreId }, [
        { action: "crf.dictionary.imported", entityType: "study", entityId: s.id, centreId: s.leadCentreId, studyId: s.id, after: { protocolVersion: pv.version, amended: false, forms: planSummary(defs) } },
      ]);
    }
    await analyse(t, ["crf_events", "crf_event_forms", "crf_forms", "crf_form_versions", "crf_completion_ledger", "crf_completion_facts"]);
    await seedCrfData(t, clock);
    await seedVisitQueries(t, clock);
  });
}

/**
 * The study's events: one per visit of its first protocol version's schedule (named after the
 * visit code, labelled as the visit), then the other events; an event already there (same name
 * or visit) is kept. Forms are attached in the order VISIT_FORMS / OTHER_EVENTS give.
 */
async function insertEvents(tx: Db, studyId: number, protocolVersionId: number, formIds: Map<string, number>, visitForms: Record<string, string[]>): Promise<void> {
  const visits = await queryRows<{ code: string; zh: string; en: string; ordinal: number }>(
    tx,
    sql`select code, name_zh as zh, name_en as en, ordinal from visit_definitions where protocol_version_id = ${protocolVersionId} order by ordinal`,
  );
  const planned = [
    ...visits.map((v) => ({ name: eventNameOfVisit(v.code), kind: "scheduled" as const, visitCode: v.code, zh: v.zh, en: v.en, forms: visitForms[v.code] ?? [] })),
    // An unscheduled visit or log only where the study collects one of its forms.
    ...OTHER_EVENTS.filter((e) => e.forms.some((f) => formIds.has(f))).map((e) => ({ name: e.name, kind: e.kind, visitCode: null, zh: e.label.zh, en: e.label.en, forms: e.forms })),
  ];
  const rows = sql.join(
    planned.map((e, i) => sql`(${studyId}::int, ${e.name}::text, ${e.kind}::crf_event_kind, ${e.visitCode}::text, ${i + 1}::int, ${e.zh}::text, ${e.en}::text)`),
    sql`, `,
  );
  await tx.execute(sql`insert into crf_events (study_id, name, kind, visit_code, ordinal, label_zh, label_en)
    select * from (values ${rows}) as e(study_id, name, kind, visit_code, ordinal, label_zh, label_en) order by ordinal on conflict do nothing`);
  const attach = planned.flatMap((e) => e.forms.filter((f) => formIds.has(f)).map((f, k) => sql`(${e.name}::text, ${e.visitCode}::text, ${formIds.get(f)!}::int, ${k + 1}::int)`));
  if (attach.length === 0) return;
  await tx.execute(sql`insert into crf_event_forms (event_id, form_id, ordinal)
    select ev.id, a.form_id, a.ordinal from (values ${sql.join(attach, sql`, `)}) as a(event_name, visit_code, form_id, ordinal)
    join crf_events ev on ev.study_id = ${studyId} and (ev.name = a.event_name or ev.visit_code = a.visit_code)
    order by ev.ordinal, a.ordinal on conflict do nothing`);
}

/**
 * The form's repeating groups (the dictionary has no column for them): a group row, and its
 * items, written by writeFormContent, pointed at it.
 */
async function insertGroups(tx: Db, formVersionId: number, formName: string): Promise<void> {
  for (const g of DEMO_GROUPS[formName] ?? []) {
    const [row] = await tx.insert(crfRepeatingGroups).values({ formVersionId, name: g.name, labelZh: g.label.zh, labelEn: g.label.en, maxRows: g.maxRows }).returning({ id: crfRepeatingGroups.id });
    await tx.update(crfItems).set({ repeatingGroupId: row.id }).where(and(eq(crfItems.formVersionId, formVersionId), inArray(crfItems.name, [...g.items])));
  }
}

async function analyse(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.execute(sql.raw(`analyze ${table}`));
}
