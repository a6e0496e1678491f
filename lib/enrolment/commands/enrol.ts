import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { participants, screenings, studies, studySites } from "@/db/schema";
import { defineCommand, type CommandContext } from "@/lib/actions/define-command";
import { ActionError, fieldError, notFound } from "@/lib/actions/errors";
import { localized } from "@/lib/i18n/localized";
import { requestLocale } from "@/lib/i18n/request-locale";
import { networkToday } from "@/lib/time/network-day";
import { CLINICAL_DAY, dayField, idField, listOf, requestKeyField } from "@/lib/validation/fields";
import { yearOfBirthField } from "@/lib/validation/years";
import { generateExpectedVisits } from "@/lib/studies/visit-schedule";
import { pseudonymKey } from "@/lib/pseudonyms/key";
import { hmacNationalId, normalizeNationalId } from "@/lib/pseudonyms/national-id";
import { formatSubjectCode } from "@/lib/pseudonyms/subject-code";
import { allocate } from "@/lib/enrolment/allocate";
import { checkAgainstNationalId, existingEnrolment, requestKeyTaken, strataRefusal } from "@/lib/enrolment/enrol-checks";
import { codeField, nationalIdField, sexField } from "@/lib/enrolment/fields";
import { ageOn, nationalIdFacts } from "@/lib/enrolment/national-id-facts";
import { protocolInForce } from "@/lib/enrolment/protocol";
import { lockSiteAtWork } from "@/lib/enrolment/site-gate";
import { resolveStrata } from "@/lib/enrolment/strata";

export const enrolSchema = z.strictObject({
  studyId: idField,
  siteId: idField,
  screeningId: idField,
  requestKey: requestKeyField,
  nationalId: nationalIdField,
  yearOfBirth: yearOfBirthField,
  sex: sexField,
  consentVersionId: idField,
  consentDate: dayField(CLINICAL_DAY),
  specimensFutureUse: z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((v) => v !== "false")]).default(false),
  /** Only the factors that do not follow from recorded data (lib/enrolment/derived-strata.ts). */
  factorCodes: listOf(codeField, 20),
  levelCodes: listOf(codeField, 20),
});

export type EnrolResult = { id: number; subjectCode: string; studyCode: string; randomized: boolean };

/**
 * Enrols an eligible screening at the actor's own site, and randomizes it in the same
 * transaction. The study row then the site row are locked first (lockSiteAtWork), so caps,
 * the per-site sequence, the duplicate-person check and the allocation lists are decided one
 * enrolment at a time; unique constraints on participants and allocation entries are the last
 * line of defence. The same request sent again (same user, request key and input) is answered
 * by the pipeline with the first result and enrols nobody (lib/actions/request-keys.ts).
 * Recorded data must agree: year of birth and sex with the national ID, and the strata that
 * follow from them are derived, not taken from the form.
 */
async function enrol({ actor, input, tx, audit }: CommandContext<z.infer<typeof enrolSchema>>): Promise<EnrolResult> {
  const { study, site, centreCode } = await lockSiteAtWork(tx, actor, input.studyId, input.siteId, "update");

  if (await requestKeyTaken(tx, input.requestKey)) throw new ActionError("enrolment.errors.requestKeyUsed");

  const [screening] = await tx
    .select()
    .from(screenings)
    .where(and(eq(screenings.id, input.screeningId), eq(screenings.studyId, study.id), eq(screenings.siteId, site.id)));
  if (!screening) throw notFound();
  if (screening.outcome !== "eligible") throw new ActionError("enrolment.errors.notEligible");
  const used = await tx.select({ code: participants.subjectCode }).from(participants).where(eq(participants.screeningId, screening.id));
  if (used.length) throw new ActionError("enrolment.errors.screeningUsed", { code: used[0].code });

  const id = normalizeNationalId(input.nationalId);
  if (!id.ok) throw fieldError("nationalId", `enrolment.validation.nationalId.${id.reason}`);
  const locale = await requestLocale(actor.locale);
  const fromId = nationalIdFacts(id.normalized);
  checkAgainstNationalId(input, fromId, locale);
  const today = networkToday();
  if (input.consentDate < screening.screenedOn) throw fieldError("consentDate", "enrolment.validation.consentBeforeScreening");
  const protocol = await protocolInForce(tx, study);
  if (!protocol.consents.some((c) => c.id === input.consentVersionId)) throw fieldError("consentVersionId", "enrolment.validation.consentVersion");
  const recorded = { sex: input.sex, age: ageOn(fromId.birthDate, today) };
  const strata = resolveStrata(protocol.factors, input.factorCodes, input.levelCodes, recorded);
  if (!strata.ok) throw strataRefusal(strata, protocol.factors, recorded, locale);

  const hash = hmacNationalId(id.normalized, pseudonymKey());
  const already = await existingEnrolment(tx, study.id, hash);
  if (already) {
    // The site's name in the language the message will be shown in.
    const siteName = localized({ nameZh: already.centreNameZh, nameEn: already.centreNameEn }, locale);
    throw new ActionError("enrolment.errors.duplicate", { site: siteName, code: already.centreCode });
  }
  if (!site.allowOverEnrolment && site.enrolledCount >= site.target) throw new ActionError("enrolment.errors.siteFull", { target: site.target });
  if (study.enrolledCount >= study.targetEnrolment) throw new ActionError("enrolment.errors.studyFull", { target: study.targetEnrolment });

  const [other] = await tx.select({ id: participants.id }).from(participants).where(and(eq(participants.nationalIdHash, hash), ne(participants.studyId, study.id))).limit(1);
  const seq = site.enrolledCount + 1;
  const subjectCode = formatSubjectCode(study.code, centreCode, seq);
  const [p] = await tx
    .insert(participants)
    .values({
      studyId: study.id,
      screeningId: screening.id,
      enrolSiteId: site.id,
      siteId: site.id,
      centreId: site.centreId,
      seq,
      subjectCode,
      nationalIdHash: hash,
      inOtherStudy: Boolean(other),
      yearOfBirth: input.yearOfBirth,
      sex: input.sex,
      consentVersionId: input.consentVersionId,
      consentDate: input.consentDate,
      specimensFutureUse: input.specimensFutureUse,
      enrolledOn: today,
      enrolledBy: actor.id,
      strata: strata.strata,
      requestKey: input.requestKey,
    })
    .returning();
  await generateExpectedVisits(tx, p);
  await tx.update(studySites).set({ enrolledCount: sql`${studySites.enrolledCount} + 1`, updatedAt: new Date() }).where(eq(studySites.id, site.id));
  await tx.update(studies).set({ enrolledCount: sql`${studies.enrolledCount} + 1`, updatedAt: new Date() }).where(eq(studies.id, study.id));

  const allocation = study.design === "randomized" ? await allocate(tx, study, site, protocol, strata.strata, p.id) : null;
  audit({
    action: "participant.enrolled",
    entityType: "participant",
    entityId: p.id,
    centreId: site.centreId,
    studyId: study.id,
    after: {
      subjectCode,
      screeningId: screening.id,
      consentVersionId: p.consentVersionId,
      consentDate: p.consentDate,
      strata: p.strata,
      inOtherStudy: p.inOtherStudy,
      // A blinded arm stays out of the audit trail too; the entry id ties the record to the list.
      allocation: allocation ? { entryId: allocation.entryId, arm: study.blinding === "blinded" ? null : allocation.armCode } : null,
    },
  });
  return { id: p.id, subjectCode, studyCode: study.code, randomized: allocation !== null };
}

export const enrolCommand = defineCommand({
  name: "enrolment.participant.enrol",
  schema: enrolSchema,
  permission: "participant.enrol",
  handler: enrol,
  requestKey: (input) => input.requestKey,
});
