import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  consentVersions,
  eligibilityCriteria,
  organisations,
  protocolVersions,
  stratFactors,
  stratLevels,
  studies,
  studyArms,
  studySites,
  studyTeam,
  users,
} from "@/db/schema";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { networkDayOf } from "@/lib/time/network-day";
import { monthsBefore, seedClock, type SeedClock } from "@/seed/clock";
import { DEMO_PASSWORD } from "@/seed/network-data";
import { DEMO_STUDIES, EXTRA_PIS, type DemoStudy } from "@/seed/studies-data";

/** Sex and stage (I–II / III–IV): the stratification of the demo's randomized studies. */
const FACTORS = [
  { code: "SEX", nameZh: "性别", nameEn: "Sex", levels: [["M", "男", "Male"], ["F", "女", "Female"]] },
  { code: "STAGE", nameZh: "分期", nameEn: "Stage", levels: [["I_II", "I–II 期", "Stage I–II"], ["III_IV", "III–IV 期", "Stage III–IV"]] },
] as const;

/** The demo studies: every status, the six research areas, sites at every level of the network. */
export async function seedStudies(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  const pwd = await hashPassword(DEMO_PASSWORD);
  const orgs = await db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const orgId = (code: string) => {
    const o = orgs.find((x) => x.code === code);
    if (!o) throw new Error(`demo studies: no centre ${code}`);
    return o.id;
  };
  await db.insert(users).values(EXTRA_PIS.map(([email, centre, name]) => ({ email, name, role: "pi" as const, centreId: orgId(centre), passwordHash: pwd })));
  const emails = [...new Set(DEMO_STUDIES.flatMap((s) => [s.pi, ...(s.team ?? []).map((t) => t[0])]))];
  const people = await db.select({ id: users.id, email: users.email, centreId: users.centreId }).from(users).where(inArray(users.email, emails));
  const person = (email: string) => {
    const p = people.find((x) => x.email === email);
    if (!p) throw new Error(`demo studies: no user ${email}`);
    return p;
  };

  const now = clock.now;
  await db.transaction(async (tx) => {
    for (const s of DEMO_STUDIES) {
      const pi = person(s.pi);
      const start = monthsBefore(now, s.startMonthsAgo);
      const randomized = s.design === "randomized";
      const pastEthics = !["draft", "ethics_review"].includes(s.status);
      const ethicsDay = pastEthics ? networkDayOf(monthsBefore(start, 1)) : null;
      const [study] = await tx
        .insert(studies)
        .values({
          code: s.code,
          titleZh: s.titleZh,
          titleEn: s.titleEn,
          registryNo: s.registryNo,
          phase: s.phase,
          design: s.design,
          area: s.area,
          leadCentreId: orgId(s.lead),
          piUserId: pi.id,
          targetEnrolment: s.target,
          plannedStart: networkDayOf(start),
          plannedEnd: networkDayOf(monthsBefore(start, -s.durationMonths)),
          status: s.status,
          blinding: randomized ? (s.blinding ?? "open") : null,
          randomizationMethod: randomized ? (s.method ?? null) : null,
          siteIsStratum: randomized ? Boolean(s.siteIsStratum) : false,
          ethicsApprovalDate: ethicsDay,
          ethicsRef: ethicsDay ? `IRB-${s.code}-${ethicsDay.slice(0, 4)}` : null,
          recruitingStartedAt: pastEthics ? start : null,
        })
        .returning();
      const v1 = await insertVersion(tx as Db, study.id, 1, networkDayOf(start), "initial", s, pi.id);
      await insertProtocol(tx as Db, v1, s, [{ label: "v1.0", date: networkDayOf(start) }]);
      const amended = s.status === "recruiting" && s.startMonthsAgo >= 12;
      if (amended) {
        const v2 = await insertVersion(tx as Db, study.id, 2, networkDayOf(monthsBefore(now, 4)), "知情同意书更新：增加生物样本二次使用条款 / Consent updated for future use of specimens", s, pi.id);
        await insertProtocol(tx as Db, v2, s, [
          { label: "v1.0", date: networkDayOf(start) },
          { label: "v2.0", date: networkDayOf(monthsBefore(now, 4)) },
        ]);
        await tx.update(studies).set({ currentProtocolVersion: 2 }).where(inArray(studies.id, [study.id]));
      }
      const siteRows = s.sites.map(([centre, target, status]) => ({
        studyId: study.id,
        centreId: orgId(centre),
        target,
        status,
        ethicsApprovalDate: status === "pending" ? null : networkDayOf(start),
      }));
      await tx.insert(studySites).values(siteRows);
      await tx.insert(studyTeam).values([
        { studyId: study.id, userId: pi.id, studyRole: "pi" as const, centreId: pi.centreId },
        ...(s.team ?? []).map(([email, role]) => ({ studyId: study.id, userId: person(email).id, studyRole: role, centreId: person(email).centreId })),
      ]);
      const events: AuditInput[] = [{ action: "study.created", entityType: "study", entityId: study.id, centreId: study.leadCentreId, studyId: study.id, after: { code: s.code, status: "draft" } }];
      if (s.status !== "draft") {
        events.push({ action: "study.status.changed", entityType: "study", entityId: study.id, centreId: study.leadCentreId, studyId: study.id, before: { status: "draft" }, after: { status: s.status }, reason: "演示数据 / demo data" });
      }
      await appendAudit(tx as Db, { id: pi.id, centreId: pi.centreId }, events);
    }
  });
}

async function insertVersion(tx: Db, studyId: number, version: number, effectiveDate: string, reason: string, s: DemoStudy, createdBy: number) {
  const [pv] = await tx.insert(protocolVersions).values({ studyId, version, effectiveDate, reason, targetEnrolment: s.target, createdBy }).returning({ id: protocolVersions.id });
  return pv.id;
}

async function insertProtocol(tx: Db, pvId: number, s: DemoStudy, consents: { label: string; date: string }[]) {
  const seq = { inclusion: 0, exclusion: 0 };
  await tx.insert(eligibilityCriteria).values(
    s.criteria.map(([kind, zh, en], i) => {
      seq[kind] += 1;
      return { protocolVersionId: pvId, kind, ordinal: i + 1, code: `${kind === "inclusion" ? "I" : "E"}${seq[kind]}`, textZh: zh, textEn: en };
    }),
  );
  await tx.insert(consentVersions).values(consents.map((c) => ({ protocolVersionId: pvId, label: c.label, effectiveDate: c.date })));
  if (s.design !== "randomized") return;
  await tx.insert(studyArms).values((s.arms ?? []).map(([code, nameZh, nameEn, ratio], i) => ({ protocolVersionId: pvId, ordinal: i + 1, code, nameZh, nameEn, ratio })));
  if (!s.stratified) return;
  for (const [i, f] of FACTORS.entries()) {
    const [factor] = await tx.insert(stratFactors).values({ protocolVersionId: pvId, ordinal: i + 1, code: f.code, nameZh: f.nameZh, nameEn: f.nameEn }).returning({ id: stratFactors.id });
    await tx.insert(stratLevels).values(f.levels.map(([code, nameZh, nameEn], j) => ({ factorId: factor.id, ordinal: j + 1, code, nameZh, nameEn })));
  }
}
