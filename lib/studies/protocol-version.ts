import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { protocolVersions, studies, type ProtocolVersion, type Study } from "@/db/schema";
import { fieldError } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import { copyVisitSchedule } from "@/lib/studies/visit-schedule";
import { protocolChangesNeedAmendment } from "@/lib/studies/lifecycle";
import { dayField, PLANNING_DAY } from "@/lib/validation/fields";

export type Amendment = { amendmentDate?: string | null; amendmentReason?: string | null };

const amendmentDay = dayField(PLANNING_DAY);

export type VersionForChange = {
  version: ProtocolVersion;
  /** True when a new version was created for this change. */
  amended: boolean;
  previous: ProtocolVersion;
};

export async function loadCurrentVersion(tx: Db, study: Pick<Study, "id" | "currentProtocolVersion">): Promise<ProtocolVersion> {
  const [pv] = await tx
    .select()
    .from(protocolVersions)
    .where(and(eq(protocolVersions.studyId, study.id), eq(protocolVersions.version, study.currentProtocolVersion)));
  if (!pv) throw new Error(`study ${study.id} has no protocol version ${study.currentProtocolVersion}`);
  return pv;
}

/**
 * The protocol version a change is written to. Before recruiting: the current version, edited
 * in place. After: a new version n+1 (effective date and reason required) holding a copy of the
 * current one, which the caller then changes; the study moves to it and earlier versions stay.
 * The caller holds the study row lock, so version numbers cannot race.
 */
export async function versionForChange(
  tx: Db,
  actor: Pick<Actor, "id">,
  study: Study,
  amendment: Amendment,
  changes: Record<string, unknown>,
): Promise<VersionForChange> {
  const current = await loadCurrentVersion(tx, study);
  if (!protocolChangesNeedAmendment(study.status)) return { version: current, amended: false, previous: current };

  const day = amendmentDay.safeParse(amendment.amendmentDate ?? "");
  if (!day.success) throw fieldError("amendmentDate", "studies.errors.amendmentDate");
  if (day.data < current.effectiveDate) throw fieldError("amendmentDate", "studies.errors.amendmentBeforePrevious", { date: current.effectiveDate });
  const reason = (amendment.amendmentReason ?? "").trim();
  if (!reason) throw fieldError("amendmentReason", "studies.errors.amendmentReason");

  const [created] = await tx
    .insert(protocolVersions)
    .values({
      studyId: study.id,
      version: current.version + 1,
      effectiveDate: day.data,
      reason,
      targetEnrolment: study.targetEnrolment,
      changes,
      createdBy: actor.id,
    })
    .returning();
  await copyProtocolChildren(tx, current.id, created.id);
  await tx.update(studies).set({ currentProtocolVersion: created.version, updatedAt: new Date() }).where(eq(studies.id, study.id));
  return { version: created, amended: true, previous: current };
}

/** Copies arms, stratification (factors and levels), criteria, consent versions, the visit schedule and biomarker criteria to a new version. */
async function copyProtocolChildren(tx: Db, fromId: number, toId: number): Promise<void> {
  await tx.execute(sql`insert into study_arms (protocol_version_id, ordinal, code, name_zh, name_en, ratio)
    select ${toId}, ordinal, code, name_zh, name_en, ratio from study_arms where protocol_version_id = ${fromId} order by ordinal`);
  await tx.execute(sql`insert into eligibility_criteria (protocol_version_id, kind, ordinal, code, text_zh, text_en)
    select ${toId}, kind, ordinal, code, text_zh, text_en from eligibility_criteria where protocol_version_id = ${fromId} order by ordinal`);
  await tx.execute(sql`insert into consent_versions (protocol_version_id, label, effective_date)
    select ${toId}, label, effective_date from consent_versions where protocol_version_id = ${fromId} order by id`);
  await tx.execute(sql`insert into strat_factors (protocol_version_id, ordinal, code, name_zh, name_en)
    select ${toId}, ordinal, code, name_zh, name_en from strat_factors where protocol_version_id = ${fromId} order by ordinal`);
  await tx.execute(sql`insert into strat_levels (factor_id, ordinal, code, name_zh, name_en)
    select nf.id, l.ordinal, l.code, l.name_zh, l.name_en
    from strat_levels l
    join strat_factors of on of.id = l.factor_id and of.protocol_version_id = ${fromId}
    join strat_factors nf on nf.protocol_version_id = ${toId} and nf.code = of.code
    order by of.ordinal, l.ordinal`);
  await copyVisitSchedule(tx, fromId, toId);
  // Biomarker criteria (db/schema/molecular-criteria.ts): plain SQL, the studies domain imports no molecular code.
  await tx.execute(sql`insert into biomarker_criteria (protocol_version_id, ordinal, code, kind, gene, partner_gene, variant_types, hgvs_p, max_tier, min_germline_class, min_vaf, min_value, her2_rule)
    select ${toId}, ordinal, code, kind, gene, partner_gene, variant_types, hgvs_p, max_tier, min_germline_class, min_vaf, min_value, her2_rule
    from biomarker_criteria where protocol_version_id = ${fromId} order by ordinal`);
}

/** The audit action of an edit of each part of a protocol before recruiting (after it, every change is an amendment). */
export const PROTOCOL_EDIT_ACTIONS = {
  arms: "study.arms.updated",
  criteria: "study.criteria.updated",
  consents: "study.consents.updated",
  stratification: "study.stratification.updated",
  targetEnrolment: "study.targetEnrolment.updated",
  visitSchedule: "study.visitSchedule.updated",
  siteTarget: "study.siteTarget.updated",
} as const;

export type ProtocolPart = keyof typeof PROTOCOL_EDIT_ACTIONS;

/** The one audit event for a protocol change: an amendment, or an edit of the draft protocol. */
export function protocolAudit(study: Study, v: VersionForChange, what: ProtocolPart, before: unknown, after: unknown) {
  if (v.amended) {
    return {
      action: "study.protocol.amended",
      entityType: "protocol_version",
      entityId: v.version.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      before: { version: v.previous.version, [what]: before },
      after: { version: v.version.version, effectiveDate: v.version.effectiveDate, [what]: after },
      reason: v.version.reason,
    };
  }
  return {
    action: PROTOCOL_EDIT_ACTIONS[what],
    entityType: "study",
    entityId: study.id,
    centreId: study.leadCentreId,
    studyId: study.id,
    before: { version: v.version.version, [what]: before },
    after: { version: v.version.version, [what]: after },
  };
}
