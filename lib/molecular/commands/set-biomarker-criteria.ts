import { eq } from "drizzle-orm";
import { z } from "zod";
import { BIOMARKER_CRITERION_KINDS, GERMLINE_CLASSES, HER2_RULES, SOMATIC_TIERS } from "@/db/enums";
import { biomarkerCriteria } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { criterionFromInput, criterionSummary } from "@/lib/molecular/criteria-input";
import { announceStudyMatches } from "@/lib/molecular/match-notices";
import { criteriaOfVersion } from "@/lib/molecular/study-criteria";
import { amendmentFields } from "@/lib/studies/fields";
import { loadStudyForChange } from "@/lib/studies/load";
import { loadCurrentVersion, versionForChange } from "@/lib/studies/protocol-version";
import { zipRows } from "@/lib/studies/rows";
import { choiceField, decimalField, idField, listOf, optionalChoiceField, optionalTextField } from "@/lib/validation/fields";

const MAX_CRITERIA = 30;
const short = optionalTextField({ max: 60 });
const orBlank = <T extends z.ZodType>(f: T) => z.union([z.literal(""), f]);

export const setBiomarkerCriteriaSchema = z.strictObject({
  studyId: idField,
  kind: listOf(choiceField(BIOMARKER_CRITERION_KINDS), MAX_CRITERIA),
  gene: listOf(short, MAX_CRITERIA),
  partnerGene: listOf(short, MAX_CRITERIA),
  variantTypes: listOf(optionalTextField({ max: 200 }), MAX_CRITERIA),
  hgvsP: listOf(short, MAX_CRITERIA),
  maxTier: listOf(optionalChoiceField(SOMATIC_TIERS), MAX_CRITERIA),
  minGermlineClass: listOf(optionalChoiceField(GERMLINE_CLASSES), MAX_CRITERIA),
  minVafPct: listOf(orBlank(decimalField({ min: 0, max: 100, decimals: 2 })), MAX_CRITERIA),
  minValue: listOf(orBlank(decimalField({ min: 0, max: 1000, decimals: 2 })), MAX_CRITERIA),
  her2Rule: listOf(optionalChoiceField(HER2_RULES), MAX_CRITERIA),
  ...amendmentFields,
});

/**
 * Replaces the structured biomarker criteria of a study's protocol (B1, B2 … in order; none
 * clears them). Like the other protocol parts: the draft protocol is edited in place, a
 * recruiting study's change is an amendment (a new protocol version with its date and reason).
 * A recruiting study's new criteria are matched at once, and each site with new matches is told
 * (lib/molecular/match-notices.ts: once per study, site and new match set).
 */
export const setBiomarkerCriteriaCommand = defineCommand({
  name: "molecular.biomarkerCriteria.set",
  schema: setBiomarkerCriteriaSchema,
  permission: "study.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const study = await loadStudyForChange(tx, actor, input.studyId);
    const rows = zipRows({
      kind: input.kind,
      gene: input.gene,
      partnerGene: input.partnerGene,
      variantTypes: input.variantTypes,
      hgvsP: input.hgvsP,
      maxTier: input.maxTier,
      minGermlineClass: input.minGermlineClass,
      minVafPct: input.minVafPct,
      minValue: input.minValue,
      her2Rule: input.her2Rule,
    });
    const after = rows.map((r, i) =>
      criterionFromInput(
        {
          kind: r.kind,
          gene: r.gene ?? "",
          partnerGene: r.partnerGene ?? "",
          variantTypes: r.variantTypes ?? "",
          hgvsP: r.hgvsP ?? "",
          maxTier: r.maxTier ?? "",
          minGermlineClass: r.minGermlineClass ?? "",
          minVafPct: r.minVafPct,
          minValue: r.minValue,
          her2Rule: r.her2Rule ?? "",
        },
        i + 1,
      ),
    );
    const before = (await criteriaOfVersion(tx, (await loadCurrentVersion(tx, study)).id)).map(criterionSummary);
    const v = await versionForChange(tx, actor, study, input, { biomarkerCriteria: { before: before.length, after: after.length } });
    await tx.delete(biomarkerCriteria).where(eq(biomarkerCriteria.protocolVersionId, v.version.id));
    if (after.length) {
      await tx.insert(biomarkerCriteria).values(
        after.map((c, i) => ({
          protocolVersionId: v.version.id,
          ordinal: i + 1,
          code: c.code,
          kind: c.kind,
          gene: c.gene,
          partnerGene: c.partnerGene,
          variantTypes: c.variantTypes,
          hgvsP: c.hgvsP,
          maxTier: c.maxTier,
          minGermlineClass: c.minGermlineClass,
          minVaf: c.minVaf === null ? null : c.minVaf.toFixed(4),
          minValue: c.minValue === null ? null : c.minValue.toFixed(2),
          her2Rule: c.her2Rule,
        })),
      );
    }
    const notified = study.status === "recruiting" ? await announceStudyMatches(tx, study.id, actor.id) : 0;
    const summary = after.map(criterionSummary);
    audit({
      action: v.amended ? "study.protocol.amended" : "study.biomarkerCriteria.updated",
      entityType: v.amended ? "protocol_version" : "study",
      entityId: v.amended ? v.version.id : study.id,
      centreId: study.leadCentreId,
      studyId: study.id,
      before: { version: v.previous.version, biomarkerCriteria: before },
      after: { version: v.version.version, effectiveDate: v.version.effectiveDate, biomarkerCriteria: summary },
      reason: v.amended ? v.version.reason : undefined,
    });
    return { id: study.id, code: study.code, version: v.version.version, count: after.length, notified };
  },
});
