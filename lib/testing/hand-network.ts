import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";

/**
 * A small network with known answers at every level, written with direct inserts (tests only):
 *
 *   HQ ─┬─ S1 ─┬─ R1 ─┬─ G1       study A: sites R1 (6), G1 (4), R3 (6), G2 (4, pending)
 *       │      │      └─ G2       study B: sites G1 (5), S2 (5)
 *       │      └─ R2
 *       └─ S2 ─── R3
 */
export type HandNetwork = { org: Record<string, { id: number; path: string }>; user: Record<string, number>; study: Record<"A" | "B", number> };

const TREE: [string, string | null, string][] = [
  ["HQ", null, "hub"],
  ["S1", "HQ", "sub_centre"],
  ["S2", "HQ", "sub_centre"],
  ["R1", "S1", "regional_centre"],
  ["R2", "S1", "regional_centre"],
  ["R3", "S2", "regional_centre"],
  ["G1", "R1", "grassroots"],
  ["G2", "R1", "grassroots"],
];

/** [study, centre, screened_on, enrolled_on | null (screen failure), failed codes, withdrawn_on] */
const SCREENINGS: ["A" | "B", string, string, string | null, string[], string | null][] = [
  ["A", "R1", "2025-03-01", "2025-03-11", [], null],
  ["A", "R1", "2025-08-01", "2025-08-05", [], null],
  ["A", "R1", "2025-11-01", "2025-11-21", [], "2025-12-01"],
  ["A", "G1", "2025-10-10", "2025-10-12", [], null],
  ["A", "R3", "2025-02-01", "2025-02-04", [], null],
  ["B", "G1", "2025-12-01", "2025-12-10", [], null],
  ["B", "S2", "2025-09-01", "2025-09-15", [], "2025-10-01"],
  ["A", "R1", "2026-01-05", "2026-01-06", [], null],
  ["A", "R1", "2025-09-01", null, ["I1"], null],
  ["A", "G1", "2025-07-15", null, ["E1", "I1"], null],
  ["B", "S2", "2025-04-01", null, ["X1"], null],
];

export async function buildHandNetwork(db: Db): Promise<HandNetwork> {
  const org: HandNetwork["org"] = {};
  for (const [code, parent, level] of TREE) {
    const p = parent ? org[parent] : null;
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into organisations (code, name_zh, name_en, level, parent_id, path, depth, province, city)
          values (${code}, ${code + "中心"}, ${code + " centre"}, ${level}::org_level, ${p?.id ?? null}, '/', ${p ? p.path.split("/").length - 2 : 0}, '天津', '天津') returning id`,
    );
    const path = `${p?.path ?? "/"}${row.id}/`;
    await db.execute(sql`update organisations set path = ${path} where id = ${row.id}`);
    org[code] = { id: row.id, path };
  }
  const user: HandNetwork["user"] = {};
  for (const [key, role, centre] of [
    ["admin", "network_admin", "HQ"],
    ["coordS1", "centre_coordinator", "S1"],
    ["piA", "pi", "HQ"],
    ["piB", "pi", "S2"],
    ["monitorB", "monitor", "HQ"],
    ["staffR1", "site_staff", "R1"],
    ["viewer", "viewer", "HQ"],
  ] as const) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into users (email, name, password_hash, role, centre_id) values (${key + "@hand.test"}, ${key}, 'x', ${role}::network_role, ${org[centre].id}) returning id`,
    );
    user[key] = row.id;
  }
  const study = {} as HandNetwork["study"];
  const consent: Record<string, number> = {};
  for (const [code, pi, target, start, end] of [
    ["A", "piA", 20, "2025-01-01", "2026-12-31"],
    ["B", "piB", 10, "2025-06-01", "2025-12-31"],
  ] as const) {
    const [s] = await queryRows<{ id: number }>(
      db,
      sql`insert into studies (code, title_zh, title_en, phase, design, area, lead_centre_id, pi_user_id, target_enrolment, planned_start, planned_end, status)
          values (${"HAND-" + code}, ${"研究" + code}, ${"Study " + code}, 'II', 'observational', 'clinical_oncology', ${org.HQ.id}, ${user[pi]}, ${target}, ${start}, ${end}, 'recruiting') returning id`,
    );
    study[code] = s.id;
    const [pv] = await queryRows<{ id: number }>(
      db,
      sql`insert into protocol_versions (study_id, version, effective_date, reason, target_enrolment, created_by) values (${s.id}, 1, ${start}, 'initial', ${target}, ${user.admin}) returning id`,
    );
    for (const [kind, c, zh, en] of [
      ["inclusion", "I1", "年龄 18-75 岁", "Aged 18-75"],
      ["exclusion", "E1", "既往化疗", "Prior chemotherapy"],
    ] as const) {
      await db.execute(
        sql`insert into eligibility_criteria (protocol_version_id, kind, ordinal, code, text_zh, text_en) values (${pv.id}, ${kind}::criterion_kind, 1, ${c}, ${zh}, ${en})`,
      );
    }
    const [cv] = await queryRows<{ id: number }>(db, sql`insert into consent_versions (protocol_version_id, label, effective_date) values (${pv.id}, 'v1', ${start}) returning id`);
    consent[code] = cv.id;
  }
  await db.execute(sql`insert into study_team (study_id, user_id, study_role) values (${study.B}, ${user.monitorB}, 'monitor')`);
  const site: Record<string, number> = {};
  for (const [s, centre, target, status] of [
    ["A", "R1", 6, "active"],
    ["A", "G1", 4, "active"],
    ["A", "R3", 6, "active"],
    ["A", "G2", 4, "pending"],
    ["B", "G1", 5, "active"],
    ["B", "S2", 5, "active"],
  ] as const) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into study_sites (study_id, centre_id, target, status) values (${study[s]}, ${org[centre].id}, ${target}, ${status}::study_site_status) returning id`,
    );
    site[`${s}@${centre}`] = row.id;
  }
  let seq = 0;
  for (const [s, centre, screenedOn, enrolledOn, failed, withdrawnOn] of SCREENINGS) {
    const siteId = site[`${s}@${centre}`];
    const [sc] = await queryRows<{ id: number }>(
      db,
      sql`insert into screenings (study_id, site_id, centre_id, protocol_version, screened_on, outcome, failed_codes, answers)
          values (${study[s]}, ${siteId}, ${org[centre].id}, 1, ${screenedOn}, ${failed.length ? "screen_failed" : "eligible"}::screening_outcome,
                  ${`{${failed.join(",")}}`}::text[], '{}'::jsonb) returning id`,
    );
    if (!enrolledOn) continue;
    seq += 1;
    await db.execute(
      sql`insert into participants (study_id, screening_id, enrol_site_id, site_id, centre_id, seq, subject_code, national_id_hash, year_of_birth, sex,
            consent_version_id, consent_date, enrolled_on, status, withdrawn_on, withdrawal_reason)
          values (${study[s]}, ${sc.id}, ${siteId}, ${siteId}, ${org[centre].id}, ${seq}, ${`HAND-${s}-${centre}-${String(seq).padStart(4, "0")}`}, ${`hash${seq}`}, 1960, 'female',
            ${consent[s]}, ${enrolledOn}, ${enrolledOn}, ${withdrawnOn ? "withdrawn" : "enrolled"}::participant_status, ${withdrawnOn}, ${withdrawnOn ? "consent_withdrawn" : null})`,
    );
  }
  const pid = async (subjectLike: string) =>
    (await queryRows<{ id: number; subject_code: string }>(db, sql`select id, subject_code from participants where subject_code like ${subjectLike} order by id limit 1`))[0];
  const p2 = (await queryRows<{ id: number; subject_code: string }>(db, sql`select id, subject_code from participants where enrolled_on = '2025-08-05'`))[0];
  const p4 = await pid("HAND-A-G1-%");
  const p5 = await pid("HAND-A-R3-%");
  // [barcode, type, category, centre, participant, collected, parent]
  const specimens: [string, string, string, string, { id: number; subject_code: string } | null, string, string | null][] = [
    ["HS1", "plasma", "blood", "G1", p4, "2025-10-12T09:00:00+08:00", null],
    ["HS2", "serum", "blood", "R1", p2, "2025-08-05T09:00:00+08:00", null],
    ["HS3", "serum", "blood", "R1", p2, "2025-08-06T09:00:00+08:00", "HS2"],
    ["HS4", "ffpe_block", "tissue", "R3", p5, "2025-02-04T09:00:00+08:00", null],
    ["HS5", "plasma", "blood", "S2", null, "2025-11-01T09:00:00+08:00", null],
  ];
  for (const [barcode, type, category, centre, p, at, parent] of specimens) {
    await db.execute(
      sql`insert into specimens (barcode, category, type, centre_id, holder_centre_id, participant_id, subject_code, collected_at, quantity, unit, future_consent, parent_id)
          values (${barcode}, ${category}::specimen_category, ${type}::specimen_type, ${org[centre].id}, ${org[centre].id}, ${p?.id ?? null}, ${p?.subject_code ?? "DONOR-X"},
            ${at}::timestamptz, 1, 'ml', 'yes', ${parent ? sql`(select id from specimens where barcode = ${parent})` : null})`,
    );
  }
  await addFollowUp(db, user.monitorB);
  return { org, user, study };
}

/** AEs and queries: R1 (one AE, one late SAE, a query open 10 days), G1 (an on-time SAE, a query open 3 days). */
async function addFollowUp(db: Db, raisedBy: number) {
  const byEnrolled = async (on: string) =>
    (await queryRows<{ id: number; study_id: number }>(db, sql`select id, study_id from participants where enrolled_on = ${on}`))[0];
  const [p2, p4, p6, p7] = [await byEnrolled("2025-08-05"), await byEnrolled("2025-10-12"), await byEnrolled("2025-12-10"), await byEnrolled("2025-09-15")];
  // [participant, onset, aware, reported (SAEs only)]
  const aes: [{ id: number; study_id: number }, string, string, string | null][] = [
    [p2, "2025-08-10", "2025-08-10T10:00:00+08:00", null],
    [p2, "2025-09-01", "2025-09-01T10:00:00+08:00", "2025-09-03T10:00:00+08:00"],
    [p4, "2025-10-20", "2025-10-20T08:00:00+08:00", "2025-10-20T20:00:00+08:00"],
    [p7, "2025-05-01", "2025-05-01T08:00:00+08:00", null],
  ];
  for (const [p, onset, aware, reported] of aes) {
    await db.execute(
      sql`insert into adverse_events (participant_id, study_id, term, category, grade, onset_on, serious, serious_criteria, relatedness, action_taken, outcome, aware_at, reported_at)
          values (${p.id}, ${p.study_id}, 'Neutropenia', 'blood_lymphatic', ${reported ? 3 : 2}, ${onset}, ${reported !== null},
            ${reported ? "{hospitalisation}" : "{}"}::text[], 'possible', 'none', 'recovered', ${aware}::timestamptz, ${reported}::timestamptz)`,
    );
  }
  // [participant, status, days open]
  const queries: [{ id: number; study_id: number }, string, number][] = [
    [p2, "open", 10],
    [p4, "open", 3],
    [p6, "closed", 20],
    [p7, "answered", 30],
  ];
  for (const [p, status, days] of queries) {
    await db.execute(
      sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, closed_at)
          values (${p.study_id}, ${p.id}, 'participant', ${p.id}, 'year_of_birth', ${status}::query_status, ${raisedBy},
            now() - make_interval(days => ${days}, hours => 1), ${status === "closed" ? sql`now()` : null})`,
    );
  }
}

/** An actor as the data layer sees one (no session needed for reads). */
export function handActor(net: HandNetwork, key: string, role: Actor["role"], centre: string): Actor {
  const o = net.org[centre];
  return { id: net.user[key] ?? -1, email: `${key}@hand.test`, name: key, role, centreId: o.id, centrePath: o.path, centreCode: centre, centreNameZh: centre, centreNameEn: centre, locale: "en", sessionId: null };
}
