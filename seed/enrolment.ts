import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { allocationEntries, participants, screenings } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { pseudonymKey } from "@/lib/pseudonyms/key";
import { hmacNationalId } from "@/lib/pseudonyms/national-id";
import { formatSubjectCode } from "@/lib/pseudonyms/subject-code";
import { countsFromRows, minimize } from "@/lib/randomization/minimization";
import { extendAllocationList, entriesToGenerate } from "@/lib/randomization/permuted-blocks";
import { intRngFromFloats } from "@/lib/randomization/rng";
import { stratumKey } from "@/lib/randomization/strata";
import { pick, seededRandom } from "@/lib/random/seeded";
import { deriveLevel, stratumRule } from "@/lib/enrolment/derived-strata";
import { ageOn, nationalIdFacts, type NationalIdFacts } from "@/lib/enrolment/national-id-facts";
import { minimizationLevels, SITE_FACTOR } from "@/lib/enrolment/strata";
import { addDays } from "@/lib/time/network-day";
import { seedClock, type SeedClock } from "@/seed/clock";
import { demoNationalId, planScreenings, WITHDRAWAL_REASONS, type PlanSite, type PlanStudy } from "@/seed/enrolment-plan";

const notAfter = (day: string, last: string) => (day > last ? last : day);

type StudyRow = PlanStudy & { current_protocol_version: number; method: string | null; site_is_stratum: boolean };

async function chunked<T, R>(rows: T[], size: number, insert: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(...(await insert(rows.slice(i, i + size))));
  return out;
}

/**
 * Screenings, screen failures and enrolled (randomized) participants for every demo study past
 * ethics review, spread over the last two years; deterministic (seeded), bulk inserted, with the
 * enrolled_count columns and per-site subject-code sequences consistent with live enrolment.
 * Demo allocations use a seeded generator: live ones use the CSPRNG (lib/enrolment/allocate.ts).
 */
export async function seedEnrolment(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  const rand = seededRandom(4_2024);
  const rng = intRngFromFloats(rand);
  const key = pseudonymKey();
  const studyRows = await queryRows<StudyRow>(
    db,
    sql`select s.id, s.code, s.status::text as status, s.target_enrolment as target, coalesce(s.planned_start, ${clock.today}::date - 700)::text as start,
          s.design::text as design, s.current_protocol_version, s.randomization_method::text as method, s.site_is_stratum,
          (select json_agg(json_build_object('code', ec.code, 'kind', ec.kind) order by ec.ordinal) from eligibility_criteria ec
            join protocol_versions pv on pv.id = ec.protocol_version_id where pv.study_id = s.id and pv.version = s.current_protocol_version) as criteria
        from studies s where s.status in ('recruiting', 'suspended', 'closed_to_accrual', 'completed') order by s.id`,
  );
  const [{ staff }] = await queryRows<{ staff: number | null }>(db, sql`select min(id) as staff from users where role = 'site_staff'`);
  let person = 0;
  const earlierPeople: string[] = [];

  for (const study of studyRows) {
    const sites = await queryRows<PlanSite>(
      db,
      sql`select ss.id, ss.centre_id as "centreId", o.code as "centreCode", ss.target, ss.status::text as status
          from study_sites ss join organisations o on o.id = ss.centre_id where ss.study_id = ${study.id} order by ss.id`,
    );
    const proto = await queryRows<{ kind: string; id: number; code: string; label: string | null; eff: string | null; factor: string | null }>(
      db,
      sql`select 'consent' as kind, cv.id, cv.label as code, cv.label, cv.effective_date::text as eff, null as factor from consent_versions cv
            join protocol_versions pv on pv.id = cv.protocol_version_id where pv.study_id = ${study.id} and pv.version = ${study.current_protocol_version}
          union all select 'arm', a.id, a.code, null, a.ratio::text, null from study_arms a
            join protocol_versions pv on pv.id = a.protocol_version_id where pv.study_id = ${study.id} and pv.version = ${study.current_protocol_version}
          union all select 'level', l.id, l.code, null, null, f.code from strat_levels l join strat_factors f on f.id = l.factor_id
            join protocol_versions pv on pv.id = f.protocol_version_id where pv.study_id = ${study.id} and pv.version = ${study.current_protocol_version}
          order by 1, 2`,
    );
    const consents = proto.filter((p) => p.kind === "consent");
    const arms = proto.filter((p) => p.kind === "arm").map((a) => ({ id: a.id, code: a.code, ratio: Number(a.eff) }));
    const factors = [...new Set(proto.filter((p) => p.kind === "level").map((p) => p.factor!))];
    const levelsOf = (f: string) => proto.filter((p) => p.kind === "level" && p.factor === f).map((p) => p.code);
    if (!consents.length || !study.criteria?.length) continue;
    const factorShapes = factors.map((code) => ({ code, levels: levelsOf(code).map((l) => ({ code: l })) }));
    /** A derived factor's level follows from the ID, as at live enrolment; any other is drawn. */
    const levelFor = (f: (typeof factorShapes)[number], facts: NationalIdFacts, enrolledOn: string) => {
      const rule = stratumRule(f);
      if (!rule) return pick(rand, levelsOf(f.code));
      const level = deriveLevel(rule, { sex: facts.sex, age: ageOn(facts.birthDate, enrolledOn) });
      if (level === null) throw new Error(`demo person born ${facts.birthDate} falls in no level of ${study.code} ${f.code}`);
      return level;
    };

    const planned = planScreenings(rand, study, sites.filter((s) => s.status !== "pending"), clock);
    const screeningIds = await chunked(planned, 1000, (part) =>
      db
        .insert(screenings)
        .values(part.map((p) => ({ studyId: study.id, siteId: p.siteId, centreId: p.centreId, protocolVersion: study.current_protocol_version, screenedOn: p.screenedOn, outcome: p.failed.length ? ("screen_failed" as const) : ("eligible" as const), failedCodes: p.failed, answers: Object.fromEntries(study.criteria.map((c) => [c.code, c.kind === "inclusion" ? !p.failed.includes(c.code) : p.failed.includes(c.code)])), screenedBy: staff })))
        .returning({ id: screenings.id }),
    );

    const seqBySite = new Map<number, number>();
    const usedHere = new Set<string>();
    const completed = study.status === "completed";
    const values = planned.flatMap((p, i) => {
      if (!p.enrol) return [];
      const site = sites.find((s) => s.id === p.siteId)!;
      const seq = (seqBySite.get(site.id) ?? 0) + 1;
      seqBySite.set(site.id, seq);
      // Consent and enrolment follow the screening by a day or two, but never after the clock's day.
      const consentDate = notAfter(addDays(p.screenedOn, Math.floor(rand() * 3)), clock.today);
      const enrolledOn = notAfter(addDays(consentDate, Math.floor(rand() * 2)), clock.today);
      // About 1.5 % of people are also in an earlier study: the PI sees them flagged.
      const candidate = earlierPeople.length > 0 && rand() < 0.015 ? pick(rand, earlierPeople) : null;
      const reuse = candidate !== null && !usedHere.has(candidate);
      const id = reuse ? candidate : demoNationalId(++person);
      usedHere.add(id);
      // What the ID states (year of birth, sex) is what is recorded, as the enrol command requires.
      const facts = nationalIdFacts(id);
      const consent = [...consents].reverse().find((c) => (c.eff ?? "") <= consentDate) ?? consents[0];
      const withdrawn = rand() < 0.06;
      const withdrawnOn = withdrawn ? addDays(enrolledOn, 1 + Math.floor(rand() * 120)) : null;
      const safeWithdrawnOn = withdrawnOn && withdrawnOn < clock.today ? withdrawnOn : withdrawn ? enrolledOn : null;
      return [
        {
          studyId: study.id,
          screeningId: screeningIds[i].id,
          enrolSiteId: site.id,
          siteId: site.id,
          centreId: site.centreId,
          seq,
          subjectCode: formatSubjectCode(study.code, site.centreCode, seq),
          nationalIdHash: hmacNationalId(id, key),
          inOtherStudy: reuse,
          yearOfBirth: facts.yearOfBirth,
          sex: facts.sex,
          consentVersionId: consent.id,
          consentDate,
          specimensFutureUse: rand() < 0.8,
          enrolledOn,
          enrolledBy: staff,
          strata: Object.fromEntries(factorShapes.map((f) => [f.code, levelFor(f, facts, enrolledOn)])),
          status: withdrawn ? ("withdrawn" as const) : completed ? ("completed" as const) : ("enrolled" as const),
          withdrawnOn: safeWithdrawnOn,
          withdrawalReason: withdrawn ? pick(rand, WITHDRAWAL_REASONS) : null,
          createdAt: new Date(`${enrolledOn}T02:00:00Z`),
        },
      ];
    });
    earlierPeople.push(...usedHere);
    const inserted = await chunked(values, 500, (part) => db.insert(participants).values(part).returning({ id: participants.id }));

    if (study.design === "randomized" && arms.length >= 2) {
      const entries = allocateDemo(study, values, inserted.map((r) => r.id), arms, factors, rng);
      await chunked(entries, 1000, (part) => db.insert(allocationEntries).values(part).returning({ id: allocationEntries.id }));
    }
    await db.execute(sql`update study_sites ss set enrolled_count = (select count(*) from participants p where p.enrol_site_id = ss.id) where ss.study_id = ${study.id}`);
    await db.execute(sql`update studies s set enrolled_count = (select count(*) from participants p where p.study_id = s.id) where s.id = ${study.id}`);
    await appendAudit(db, { id: null, centreId: null }, [
      { action: "enrolment.demo_seeded", entityType: "study", entityId: study.id, studyId: study.id, after: { screenings: planned.length, participants: values.length } },
    ]);
  }
}

type Enrolled = { enrolSiteId: number; strata: Record<string, string>; createdAt: Date };

/** Allocation for the demo, in enrolment order, the same way live enrolment does it. */
function allocateDemo(
  study: StudyRow,
  rows: Enrolled[],
  ids: number[],
  arms: { id: number; code: string; ratio: number }[],
  factors: string[],
  rng: ReturnType<typeof intRngFromFloats>,
) {
  const armId = new Map(arms.map((a) => [a.code, a.id]));
  const plan = { arms: arms.map((a) => ({ code: a.code, ratio: a.ratio })) };
  const lists = new Map<string, { arm: string; seq: number; block: number; blockSize: number; participantId: number | null }[]>();
  const minimized: { stratum: string; arm: string; participantId: number; position: number }[] = [];
  const counts: { factor: string; level: string; arm: string; n: number }[] = [];
  rows.forEach((r, i) => {
    const key = stratumKey({ factorCodes: factors, levels: r.strata, site: study.site_is_stratum ? r.enrolSiteId : null });
    if (study.method === "minimization") {
      const levels = minimizationLevels(r.strata, r.enrolSiteId, study.site_is_stratum);
      const d = minimize({ arms: plan.arms, factors: Object.keys(levels).map((code) => ({ code })), counts: countsFromRows(counts), levels }, rng);
      for (const [factor, level] of Object.entries(levels)) counts.push({ factor, level: factor === SITE_FACTOR ? String(r.enrolSiteId) : level, arm: d.arm, n: 1 });
      minimized.push({ stratum: key, arm: d.arm, participantId: ids[i], position: minimized.filter((m) => m.stratum === key).length + 1 });
      return;
    }
    const list = lists.get(key) ?? [];
    let next = list.find((e) => e.participantId === null);
    if (!next) {
      const last = list.at(-1);
      const fresh = extendAllocationList(last ? { lastSeq: last.seq, lastBlock: last.block } : null, plan, entriesToGenerate(plan, 20), rng);
      list.push(...fresh.map((e) => ({ ...e, participantId: null })));
      next = list.find((e) => e.participantId === null)!;
    }
    next.participantId = ids[i];
    lists.set(key, list);
  });
  // Randomized at enrolment: the participant's enrolment time.
  const at = new Map(ids.map((id, i) => [id, rows[i].createdAt]));
  if (study.method === "minimization") {
    return minimized.map((m) => ({ studyId: study.id, stratumKey: m.stratum, position: m.position, blockNo: 0, blockSize: 0, armId: armId.get(m.arm)!, participantId: m.participantId, assignedAt: at.get(m.participantId)! }));
  }
  return [...lists.entries()].flatMap(([k, list]) =>
    list.map((e) => ({ studyId: study.id, stratumKey: k, position: e.seq, blockNo: e.block, blockSize: e.blockSize, armId: armId.get(e.arm)!, participantId: e.participantId, assignedAt: e.participantId ? at.get(e.participantId)! : null })),
  );
}
