import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/db/client";
import { rawAccrual, rawLists, rawNodeFigures, type RawView } from "@/bench/dashboard-raw";
import type { Actor } from "@/lib/authz/actor";
import { assembleLists, type AccrualRowSql, type DashboardData, type ListsRow } from "@/lib/metrics/dashboard-data";
import { syncFactsZone } from "@/lib/metrics/facts-zone";
import { toNodeFigures, type NodeRow } from "@/lib/metrics/node-rows";
import type { DashboardParams } from "@/lib/metrics/params";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { viewTarget } from "@/lib/metrics/target";
import { COUNT_KEYS, type NodeFigures } from "@/lib/metrics/types";
import { intBetween, pick, seededRandom } from "@/lib/random/seeded";
import { setupTestDb } from "@/lib/testing/db";
import { addDays, NETWORK_TIME_ZONE, networkToday } from "@/lib/time/network-day";

/*
 * The facts (db/schema/metrics-facts.ts, kept by the triggers of migration 0012) against the
 * base rows: a random network takes random writes — screenings, enrolments, withdrawals and
 * their corrections, transfers, adverse events whose seriousness and dates change, queries
 * raised, answered, closed and re-opened, specimens and aliquots, deletions, statements that
 * change many rows at once, a study site moved to another centre, centres moved in the tree —
 * and after each round every figure of random views (any role, centre, study and period)
 * equals the same figure computed from the base rows by bench/dashboard-raw.ts.
 * FACTS_SEED=<n> replays another network.
 */

const SEED = Number(process.env.FACTS_SEED ?? 20261202);
const rand = seededRandom(SEED);
const chance = (p: number) => rand() < p;

let db: Db;
let adminId = 0;
const pis: number[] = [];

type Org = { id: number; code: string; path: string; depth: number; parent_id: number | null };
type Study = { id: number; code: string; pi_user_id: number; consent: number; versions: number[] };

const studies: Study[] = [];
let counter = 0;
const next = () => ++counter;

const FIRST_DAY = "2024-06-01";
const LAST_DAY = "2026-11-30";
const randomDay = (from = FIRST_DAY, to = LAST_DAY) => addDays(from, intBetween(rand, 0, Math.max(0, daysFrom(from, to))));
function daysFrom(a: string, b: string) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
/** An instant on a day, often close to the network's midnight (16:00 UTC for Asia/Shanghai), to test day boundaries. */
function randomInstant(day = randomDay()): string {
  const near = chance(0.3);
  const minutes = near ? 15 * 60 + 59 + intBetween(rand, 0, 2) : intBetween(rand, 0, 24 * 60 - 1);
  const seconds = near ? intBetween(rand, 0, 59) : 0;
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 + seconds * 1000).toISOString();
}

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return queryRows<T>(db, q);
}
async function one<T>(q: ReturnType<typeof sql>): Promise<T | undefined> {
  const r = await rows<T>(q);
  return r.length ? r[Math.floor(rand() * r.length)] : undefined;
}

async function insertOrg(code: string, level: string, parent: Org | null): Promise<Org> {
  const [row] = await rows<{ id: number }>(
    sql`insert into organisations (code, name_zh, name_en, level, parent_id, path, depth, province, city)
        values (${code}, ${code + "中心"}, ${code + " centre"}, ${level}::org_level, ${parent?.id ?? null}, '/', ${parent ? parent.depth + 1 : 0}, '天津', '天津') returning id`,
  );
  const path = `${parent?.path ?? "/"}${row.id}/`;
  await db.execute(sql`update organisations set path = ${path} where id = ${row.id}`);
  return { id: row.id, code, path, depth: parent ? parent.depth + 1 : 0, parent_id: parent?.id ?? null };
}

async function buildNetwork() {
  const hub = await insertOrg("FH", "hub", null);
  let n = 0;
  for (let s = 1; s <= 3; s++) {
    const sub = await insertOrg(`FS${s}`, "sub_centre", hub);
    for (let r = 1; r <= intBetween(rand, 1, 3); r++) {
      const reg = await insertOrg(`FR${s}${r}`, "regional_centre", sub);
      for (let g = 1; g <= intBetween(rand, 0, 3); g++) await insertOrg(`FG${++n}`, "grassroots", reg);
    }
  }
  const [admin] = await rows<{ id: number }>(sql`insert into users (email, name, password_hash, role, centre_id) values ('admin@facts.test', 'admin', 'x', 'network_admin', ${hub.id}) returning id`);
  adminId = admin.id;
  for (let i = 1; i <= 2; i++) {
    const [u] = await rows<{ id: number }>(sql`insert into users (email, name, password_hash, role, centre_id) values (${`pi${i}@facts.test`}, ${`pi${i}`}, 'x', 'pi', ${hub.id}) returning id`);
    pis.push(u.id);
  }
  const orgs = await rows<Org>(sql`select id, code, path, depth, parent_id from organisations order by id`);
  for (let i = 1; i <= 3; i++) {
    const start = randomDay("2024-01-01", "2025-06-01");
    const recruiting = chance(0.5) ? randomInstant(start) : null;
    const [st] = await rows<{ id: number }>(
      sql`insert into studies (code, title_zh, title_en, phase, design, area, lead_centre_id, pi_user_id, target_enrolment, planned_start, planned_end, status, recruiting_started_at)
          values (${`FACT-${i}`}, ${`研究${i}`}, ${`Study ${i}`}, 'II', 'observational', 'clinical_oncology', ${hub.id}, ${pis[(i - 1) % 2]}, ${intBetween(rand, 20, 80)},
            ${start}, ${addDays(start, intBetween(rand, 200, 900))}, ${i === 3 ? "suspended" : "recruiting"}::study_status, ${recruiting}::timestamptz) returning id`,
    );
    const versions = i === 1 ? [1, 2] : [1];
    let consent = 0;
    for (const v of versions) {
      const [pv] = await rows<{ id: number }>(
        sql`insert into protocol_versions (study_id, version, effective_date, reason, target_enrolment, created_by) values (${st.id}, ${v}, ${start}, 'initial', 40, ${adminId}) returning id`,
      );
      for (const [kind, code] of [["inclusion", "I1"], ["inclusion", "I2"], ["exclusion", "E1"]] as const) {
        await db.execute(
          sql`insert into eligibility_criteria (protocol_version_id, kind, ordinal, code, text_zh, text_en) values (${pv.id}, ${kind}::criterion_kind, 1, ${code}, ${`标准${code} v${v}`}, ${`Criterion ${code} v${v}`})`,
        );
      }
      const [cv] = await rows<{ id: number }>(sql`insert into consent_versions (protocol_version_id, label, effective_date) values (${pv.id}, ${`v${v}`}, ${start}) returning id`);
      consent = cv.id;
    }
    studies.push({ id: st.id, code: `FACT-${i}`, pi_user_id: pis[(i - 1) % 2], consent, versions });
    for (const o of orgs) {
      if (!chance(0.55)) continue;
      const status = pick(rand, ["active", "active", "active", "pending", "suspended"]);
      await db.execute(sql`insert into study_sites (study_id, centre_id, target, status, created_at) values (${st.id}, ${o.id}, ${intBetween(rand, 2, 12)}, ${status}::study_site_status, ${randomInstant(start)}::timestamptz)`);
    }
  }
}

// ---- random writes -------------------------------------------------------------------------

type Op = [weight: number, run: () => Promise<unknown>];

const OPS: Op[] = [
  [10, screen],
  [9, enrol],
  [3, withdraw],
  [1, unwithdraw],
  [3, transfer],
  [2, correctEnrolment],
  [2, correctScreening],
  [6, addAe],
  [4, changeAe],
  [5, raiseQuery],
  [3, answerQuery],
  [3, closeQuery],
  [2, reopenQuery],
  [5, addSpecimen],
  [2, changeSpecimen],
  [2, moveCentre],
  [2, deleteSomething],
  [1, bulkChange],
  [0.3, moveSite],
];

async function randomWrites(n: number) {
  const total = OPS.reduce((a, [w]) => a + w, 0);
  for (let i = 0; i < n; i++) {
    let x = rand() * total;
    const op = OPS.find(([w]) => (x -= w) < 0) ?? OPS[0];
    await op[1]();
  }
}

async function screen() {
  const site = await one<{ id: number; study_id: number; centre_id: number }>(sql`select id, study_id, centre_id from study_sites order by id`);
  if (!site) return;
  const study = studies.find((s) => s.id === site.study_id)!;
  const failed = chance(0.35) ? [...new Set([pick(rand, ["I1", "I2", "E1", "X9"]), ...(chance(0.3) ? [pick(rand, ["I1", "E1"])] : [])])] : [];
  await db.execute(
    sql`insert into screenings (study_id, site_id, centre_id, protocol_version, screened_on, outcome, failed_codes, answers)
        values (${site.study_id}, ${site.id}, ${site.centre_id}, ${pick(rand, study.versions)}, ${randomDay()}, ${failed.length ? "screen_failed" : "eligible"}::screening_outcome,
          ${`{${failed.join(",")}}`}::text[], '{}'::jsonb)`,
  );
}

async function enrol() {
  const s = await one<{ id: number; study_id: number; site_id: number; centre_id: number; screened_on: string }>(
    sql`select s.id, s.study_id, s.site_id, s.centre_id, to_char(s.screened_on, 'YYYY-MM-DD') as screened_on from screenings s
        where s.outcome = 'eligible' and not exists (select 1 from participants p where p.screening_id = s.id) order by s.id`,
  );
  if (!s) return;
  const study = studies.find((x) => x.id === s.study_id)!;
  const on = addDays(s.screened_on, intBetween(rand, 0, 40));
  const n = next();
  await db.execute(
    sql`insert into participants (study_id, screening_id, enrol_site_id, site_id, centre_id, seq, subject_code, national_id_hash, year_of_birth, sex,
          consent_version_id, consent_date, enrolled_on, status)
        values (${s.study_id}, ${s.id}, ${s.site_id}, ${s.site_id}, ${s.centre_id}, ${n}, ${`F-${n}`}, ${`hash-${n}`}, 1970, 'female', ${study.consent}, ${on}, ${on}, 'enrolled')`,
  );
}

const participant = (where = sql`true`) =>
  one<{ id: number; study_id: number; enrolled_on: string; subject_code: string; centre_id: number }>(
    sql`select id, study_id, to_char(enrolled_on, 'YYYY-MM-DD') as enrolled_on, subject_code, centre_id from participants where ${where} order by id`,
  );

async function withdraw() {
  const p = await participant(sql`status = 'enrolled'`);
  if (p) await db.execute(sql`update participants set status = 'withdrawn', withdrawn_on = ${addDays(p.enrolled_on, intBetween(rand, 0, 250))}, withdrawal_reason = 'other' where id = ${p.id}`);
}

async function unwithdraw() {
  const p = await participant(sql`status = 'withdrawn'`);
  if (p) await db.execute(sql`update participants set status = 'enrolled', withdrawn_on = null, withdrawal_reason = null where id = ${p.id}`);
}

async function transfer() {
  const p = await participant();
  if (!p) return;
  const site = await one<{ id: number; centre_id: number }>(sql`select id, centre_id from study_sites where study_id = ${p.study_id} and centre_id <> ${p.centre_id} order by id`);
  if (site) await db.execute(sql`update participants set site_id = ${site.id}, centre_id = ${site.centre_id}, updated_at = now() where id = ${p.id}`);
}

async function correctEnrolment() {
  const p = await one<{ id: number; screened_on: string }>(
    sql`select p.id, to_char(s.screened_on, 'YYYY-MM-DD') as screened_on from participants p join screenings s on s.id = p.screening_id order by p.id`,
  );
  if (!p) return;
  const on = addDays(p.screened_on, intBetween(rand, 0, 45));
  await db.execute(sql`update participants set enrolled_on = ${on}, consent_date = ${on} where id = ${p.id}`);
}

async function correctScreening() {
  const s = await one<{ id: number }>(sql`select id from screenings order by id`);
  if (s) await db.execute(sql`update screenings set screened_on = screened_on + ${intBetween(rand, -12, 12)}::int where id = ${s.id}`);
}

async function addAe() {
  const p = await participant();
  if (!p) return;
  const onset = addDays(p.enrolled_on, intBetween(rand, 0, 300));
  const aware = randomInstant(onset);
  const serious = chance(0.4);
  const reported = serious ? new Date(Date.parse(aware) + pick(rand, [10, 24, 30, 72]) * 3_600_000).toISOString() : null;
  await db.execute(
    sql`insert into adverse_events (participant_id, study_id, term, category, grade, onset_on, serious, serious_criteria, relatedness, action_taken, outcome, aware_at, reported_at)
        values (${p.id}, ${p.study_id}, 'Fatigue', 'general', ${intBetween(rand, 1, 4)}, ${onset}, ${serious}, ${serious ? "{hospitalisation}" : "{}"}::text[],
          'possible', 'none', 'recovered', ${aware}::timestamptz, ${reported}::timestamptz)`,
  );
}

async function changeAe() {
  const a = await one<{ id: number; serious: boolean }>(sql`select id, serious from adverse_events order by id`);
  if (!a) return;
  const what = pick(rand, ["serious", "onset", "reported", "term"]);
  if (what === "serious" && a.serious) await db.execute(sql`update adverse_events set serious = false, serious_criteria = '{}' where id = ${a.id}`);
  else if (what === "serious")
    await db.execute(
      sql`update adverse_events set serious = true, serious_criteria = '{death}', reported_at = coalesce(reported_at, aware_at + make_interval(hours => ${pick(rand, [5, 40])})) where id = ${a.id}`,
    );
  else if (what === "onset") await db.execute(sql`update adverse_events set onset_on = onset_on + ${intBetween(rand, -40, 40)}::int where id = ${a.id}`);
  else if (what === "reported") await db.execute(sql`update adverse_events set reported_at = aware_at + make_interval(hours => ${pick(rand, [2, 24, 25, 90])}) where id = ${a.id} and reported_at is not null`);
  else await db.execute(sql`update adverse_events set term = 'Nausea', updated_at = now() where id = ${a.id}`);
}

async function raiseQuery() {
  const p = await participant();
  if (!p) return;
  await db.execute(
    sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at)
        values (${p.study_id}, ${p.id}, 'participant', ${p.id}, 'sex', 'open', ${adminId}, ${randomInstant()}::timestamptz)`,
  );
}

async function answerQuery() {
  const q = await one<{ id: number }>(sql`select id from queries where status = 'open' order by id`);
  if (q) await db.execute(sql`update queries set status = 'answered', answered_at = opened_at + interval '1 day' where id = ${q.id}`);
}

async function closeQuery() {
  const q = await one<{ id: number }>(sql`select id from queries where status <> 'closed' order by id`);
  if (q) await db.execute(sql`update queries set status = 'closed', closed_at = opened_at + make_interval(hours => ${intBetween(rand, 1, 24 * 90)}) where id = ${q.id}`);
}

async function reopenQuery() {
  const q = await one<{ id: number }>(sql`select id from queries where status = 'closed' order by id`);
  if (q) await db.execute(sql`update queries set status = 'open', closed_at = null where id = ${q.id}`);
}

const TYPES = ["plasma", "serum", "whole_blood", "ffpe_block", "urine"] as const;

async function addSpecimen() {
  const parent = chance(0.15) ? await one<{ id: number; centre_id: number }>(sql`select id, centre_id from specimens order by id`) : undefined;
  const p = chance(0.7) ? await participant() : undefined;
  const centre = p ? p.centre_id : (await one<{ id: number }>(sql`select id from organisations order by id`))!.id;
  const type = pick(rand, TYPES);
  await db.execute(
    sql`insert into specimens (barcode, category, type, centre_id, holder_centre_id, participant_id, subject_code, collected_at, quantity, unit, future_consent, parent_id)
        values (${`FX${next()}`}, ${type === "ffpe_block" ? "tissue" : "blood"}::specimen_category, ${type}::specimen_type, ${parent?.centre_id ?? centre}, ${centre},
          ${p?.id ?? null}, ${p?.subject_code ?? "DONOR-F"}, ${randomInstant()}::timestamptz, 1, 'ml', 'yes', ${parent?.id ?? null})`,
  );
}

async function changeSpecimen() {
  const s = await one<{ id: number }>(sql`select id from specimens order by id`);
  if (!s) return;
  const what = pick(rand, ["collected", "type", "participant", "status"]);
  if (what === "collected") await db.execute(sql`update specimens set collected_at = ${randomInstant()}::timestamptz where id = ${s.id}`);
  else if (what === "type") await db.execute(sql`update specimens set type = ${pick(rand, TYPES)}::specimen_type where id = ${s.id}`);
  else if (what === "participant") {
    const p = chance(0.7) ? await participant() : undefined;
    await db.execute(sql`update specimens set participant_id = ${p?.id ?? null}, subject_code = ${p?.subject_code ?? "DONOR-G"} where id = ${s.id}`);
  } else await db.execute(sql`update specimens set status = 'depleted', updated_at = now() where id = ${s.id}`);
}

/** As lib/network/commands/move-centre.ts does it: the moved subtree's paths in one UPDATE. */
async function moveCentre() {
  const all = await rows<Org>(sql`select id, code, path, depth, parent_id from organisations order by id`);
  const c = pick(rand, all.filter((o) => o.parent_id !== null));
  const targets = all.filter((t) => !t.path.startsWith(c.path) && t.id !== c.parent_id);
  if (!targets.length) return;
  const t = pick(rand, targets);
  const newPath = `${t.path}${c.id}/`;
  await db.execute(sql`
    update organisations set path = ${newPath} || substr(path, ${c.path.length + 1}), depth = depth + ${t.depth + 1 - c.depth},
      parent_id = case when id = ${c.id} then ${t.id}::int else parent_id end
    where path like ${`${c.path}%`}`);
}

async function deleteSomething() {
  const what = pick(rand, ["ae", "query", "specimen", "screening", "participant"]);
  if (what === "ae") await db.execute(sql`delete from adverse_events where id = (select id from adverse_events order by id desc limit 1)`);
  else if (what === "query") await db.execute(sql`delete from queries where id = (select id from queries order by id limit 1)`);
  else if (what === "specimen")
    await db.execute(sql`delete from specimens where id = (select s.id from specimens s where not exists (select 1 from specimens c where c.parent_id = s.id) order by s.id desc limit 1)`);
  else if (what === "screening")
    await db.execute(sql`delete from screenings where id = (select s.id from screenings s where not exists (select 1 from participants p where p.screening_id = s.id) order by s.id limit 1)`);
  else
    await db.execute(sql`delete from participants where id = (select p.id from participants p
      where not exists (select 1 from adverse_events a where a.participant_id = p.id) and not exists (select 1 from queries q where q.participant_id = p.id)
        and not exists (select 1 from specimens s where s.participant_id = p.id) order by p.id desc limit 1)`);
}

/** Statements that change many rows at once (the triggers run once per statement). */
async function bulkChange() {
  const s = pick(rand, studies);
  const what = pick(rand, ["onset", "close", "screened", "specimens"]);
  if (what === "onset") await db.execute(sql`update adverse_events set onset_on = onset_on + 1 where study_id = ${s.id}`);
  else if (what === "close") await db.execute(sql`update queries set status = 'closed', closed_at = now() where status = 'answered' and study_id = ${s.id}`);
  else if (what === "screened") await db.execute(sql`update screenings set screened_on = screened_on - 1 where study_id = ${s.id} and outcome = 'screen_failed'`);
  else await db.execute(sql`update specimens set collected_at = collected_at + interval '7 hours' where participant_id in (select id from participants where study_id = ${s.id})`);
}

/** A study site moved to a centre without a site of that study (no command does this; the facts follow anyway). */
async function moveSite() {
  const site = await one<{ id: number; study_id: number }>(sql`select id, study_id from study_sites order by id`);
  if (!site) return;
  const free = await one<{ id: number }>(sql`select o.id from organisations o where not exists (select 1 from study_sites ss where ss.study_id = ${site.study_id} and ss.centre_id = o.id) order by o.id`);
  if (free) await db.execute(sql`update study_sites set centre_id = ${free.id} where id = ${site.id}`);
}

// ---- views ---------------------------------------------------------------------------------

type Role = "network_admin" | "centre_coordinator" | "pi" | "site_staff" | "viewer";

function actorAt(role: Role, o: Org, id: number): Actor {
  return { id, email: "x@facts.test", name: "x", role, centreId: o.id, centrePath: o.path, centreCode: o.code, centreNameZh: o.code, centreNameEn: o.code, locale: "en", sessionId: null };
}

function randomPeriod(): { from?: string; to: string } {
  const today = networkToday();
  const month = intBetween(rand, 1, 12);
  const monthEnd = new Date(Date.UTC(2025, month, 0)).toISOString().slice(0, 10);
  const to = pick(rand, [randomDay("2024-09-01", "2027-02-01"), `${pick(rand, ["2025", "2026"])}-12-31`, monthEnd, today]);
  const kind = pick(rand, ["all", "day", "month", "year"]);
  if (kind === "all") return { to };
  const day = randomDay("2024-01-01", to);
  const from = kind === "day" ? day : kind === "month" ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`;
  return from <= to ? { from, to } : { to };
}

const round6 = (n: NodeFigures) => ({ ...n, expected: Math.round(n.expected * 1e6) / 1e6 });

async function compareView(role: Role) {
  const orgs = await rows<Org>(sql`select id, code, path, depth, parent_id from organisations order by id`);
  const hub = orgs.find((o) => o.parent_id === null)!;
  const home = role === "network_admin" || role === "viewer" || role === "pi" ? hub : pick(rand, orgs);
  const piId = pick(rand, pis);
  const actor = actorAt(role, home, role === "pi" ? piId : adminId);
  const reachAll = role !== "site_staff";
  const centre = reachAll && chance(0.6) ? pick(rand, role === "centre_coordinator" ? orgs.filter((o) => o.path.startsWith(home.path)) : orgs) : null;
  // The studies the view may be narrowed to: a PI's own; for coordinators and site staff, those with a site in their reach.
  const withSite = await rows<{ study_id: number }>(
    sql`select distinct ss.study_id from study_sites ss join organisations o on o.id = ss.centre_id
        where ${role === "site_staff" ? sql`o.id = ${home.id}` : sql`o.path like ${`${home.path}%`}`}`,
  );
  const mine =
    role === "pi"
      ? studies.filter((s) => s.pi_user_id === piId)
      : role === "site_staff" || role === "centre_coordinator"
        ? studies.filter((s) => withSite.some((w) => w.study_id === s.id))
        : studies;
  const study = chance(0.4) && mine.length ? pick(rand, mine) : null;
  const params: DashboardParams = { ...randomPeriod(), ...(centre ? { centre: centre.code } : {}), ...(study ? { study: study.code } : {}) };
  const d = (await getDashboard(actor, params, db)) as DashboardData;
  expect(d, JSON.stringify(params)).not.toBeNull();
  const root = centre ?? home;
  const studyIds = role === "pi" ? mine.map((s) => s.id).filter((id) => !study || id === study.id) : study ? [study.id] : null;
  const rv: RawView = {
    rootId: root.id,
    rootPath: root.path,
    maxDepth: role === "site_staff" ? root.depth : root.depth + 2,
    withOwn: role !== "site_staff",
    onlyCentre: role === "site_staff" ? root.id : null,
    studies: studyIds,
    from: params.from ?? null,
    to: params.to,
    zone: NETWORK_TIME_ZONE,
  };
  const label = JSON.stringify({ seed: SEED, role, params });

  const raw = (await queryRows<NodeRow>(db, rawNodeFigures(rv))).map((r) => ({ neg: Number(r.node_id) < 0, f: toNodeFigures(r) }));
  expect(d.nodes.map(round6), label).toEqual(raw.filter((r) => !r.neg).map((r) => round6(r.f)));
  const rawOwn = raw.find((r) => r.neg)?.f ?? null;
  const hasChildren = d.nodes.some((n) => n.parentId === d.rootId);
  if (d.own) {
    expect(round6(d.own), label).toEqual(round6(rawOwn!));
    // On every view, the root is its own row plus its children's rows, for every count.
    const root = d.nodes.find((n) => n.id === d.rootId)!;
    const children = d.nodes.filter((n) => n.parentId === d.rootId);
    for (const key of COUNT_KEYS) {
      const sum = children.reduce((a, c) => a + c[key], d.own[key]);
      expect({ label, key, root: key === "expected" ? Math.round(root[key] * 1e6) : root[key] }).toEqual({ label, key, root: key === "expected" ? Math.round(sum * 1e6) : sum });
    }
  }
  else expect({ label, hasChildren, withOwn: rv.withOwn && hasChildren }).toEqual({ label, hasChildren, withOwn: false });

  const [listsRow] = await queryRows<ListsRow>(db, rawLists(rv));
  const lists = assembleLists(params, listsRow, d.computedAt);
  expect({ studies: d.studies, flagged: d.flagged, reasons: d.reasons, screenFailed: d.screenFailed }, label).toEqual({
    studies: lists.studies,
    flagged: lists.flagged,
    reasons: lists.reasons,
    screenFailed: lists.screenFailed,
  });
  // The reasons' share is of the root's own screen-failure figure.
  expect(d.screenFailed, label).toBe(d.nodes.find((n) => n.id === d.rootId)!.screenFailed);

  if (study) {
    const [a] = await queryRows<AccrualRowSql>(db, rawAccrual(rv, study.id));
    const points = typeof a.points === "string" ? JSON.parse(a.points) : a.points;
    const target = viewTarget({ targetEnrolment: d.study!.targetEnrolment }, d.wholeNetwork, Number(a.site_target));
    expect({ points: d.accrual?.points, target: d.accrual?.target, last3m: d.accrual?.enrolledLast3m }, label).toEqual({ points, target, last3m: Number(a.enrolled_last3m) });
    // One target and one projection for the study on the KPI cards and the accrual chart.
    expect({ target: d.target, projection: d.projection }, label).toEqual({ target: d.accrual?.target, projection: d.accrual?.projection });
  } else {
    expect(d.accrual).toBeNull();
  }
  return d;
}

const ROLES: Role[] = ["network_admin", "network_admin", "centre_coordinator", "pi", "site_staff", "viewer"];

async function compareViews(n: number) {
  for (let i = 0; i < n; i++) await compareView(ROLES[i % ROLES.length]);
}

/** The fact tables as they stand, without rows that count nothing. */
async function factTables() {
  return {
    facts: await rows(sql`select * from metric_facts
      where screened <> 0 or screen_failed <> 0 or enrolled <> 0 or enrolled_withdrawn <> 0 or aes <> 0 or saes <> 0 or late_saes <> 0 or queries_opened <> 0 or queries_closed <> 0
      order by grain, bucket, centre_id, study_id`),
    days: await rows(sql`select * from metric_enrol_days where n <> 0 order by grain, bucket, centre_id, study_id, days`),
    reasons: await rows(sql`select * from metric_screen_reasons where n <> 0 order by grain, bucket, centre_id, study_id, protocol_version, code`),
    specimens: await rows(sql`select * from metric_specimens where collected <> 0 or of_participants <> 0 order by grain, bucket, centre_id, study_id, type`),
    state: await rows(sql`select * from metric_site_state
      where last_enrolled_on is not null or open_queries <> 0 or answered_queries <> 0 or oldest_unclosed_at is not null order by centre_id, study_id`),
  };
}

beforeAll(async () => {
  const h = await setupTestDb();
  db = h.db;
  await buildNetwork();
});

describe("the dashboard's facts equal the base rows", () => {
  it("on random views after random writes, corrections and moves in the tree", async () => {
    for (let round = 0; round < 5; round++) {
      await randomWrites(120);
      await compareViews(12);
    }
    const [n] = await rows<{ p: number; a: number; q: number; s: number; sp: number }>(
      sql`select (select count(*) from participants)::int as p, (select count(*) from adverse_events)::int as a, (select count(*) from queries)::int as q,
          (select count(*) from screenings)::int as s, (select count(*) from specimens)::int as sp`,
    );
    // The network really grew: the comparisons above were not over empty tables.
    expect(Math.min(n.p, n.a, n.q, n.s, n.sp)).toBeGreaterThan(15);
  });

  it("recounting everything from the base rows (metric_rebuild) gives the facts the triggers kept", async () => {
    await randomWrites(60);
    const kept = await factTables();
    await db.execute(sql`select metric_rebuild(${NETWORK_TIME_ZONE})`);
    expect(await factTables()).toEqual(kept);
  });

  it("writers side by side (real concurrency on PostgreSQL) leave the facts exact", async () => {
    const sites = await rows<{ id: number; study_id: number; centre_id: number }>(
      sql`select ss.id, ss.study_id, ss.centre_id from study_sites ss
          where ss.study_id = (select study_id from study_sites group by study_id order by count(*) desc limit 1) order by ss.id limit 2`,
    );
    const [site, other] = sites;
    const study = studies.find((s) => s.id === site.study_id)!;
    const enrolAt = async (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], day: string, k: number) => {
      const n = next();
      const [s] = await queryRows<{ id: number }>(
        tx,
        sql`insert into screenings (study_id, site_id, centre_id, protocol_version, screened_on, outcome, failed_codes, answers)
            values (${site.study_id}, ${site.id}, ${site.centre_id}, 1, ${day}, 'eligible', '{}', '{}'::jsonb) returning id`,
      );
      const [p] = await queryRows<{ id: number }>(
        tx,
        sql`insert into participants (study_id, screening_id, enrol_site_id, site_id, centre_id, seq, subject_code, national_id_hash, year_of_birth, sex,
              consent_version_id, consent_date, enrolled_on, status)
            values (${site.study_id}, ${s.id}, ${site.id}, ${site.id}, ${site.centre_id}, ${n}, ${`F-${n}`}, ${`hash-${n}`}, 1970, 'male', ${study.consent}, ${day}, ${addDays(day, k)}, 'enrolled')
            returning id`,
      );
      return p.id;
    };
    // Rounds of writers on one study's two sites at once: enrolments a day apart, queries raised,
    // answered and closed, adverse events, and participants moved each way between the two sites.
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, w) =>
          db.transaction(async (tx) => {
            for (let k = 0; k < 3; k++) {
              const pid = await enrolAt(tx, addDays("2025-05-01", w + round), k);
              await tx.execute(
                sql`insert into queries (study_id, participant_id, entity_type, entity_id, field, status, raised_by, opened_at, closed_at)
                    values (${site.study_id}, ${pid}, 'participant', ${pid}, 'sex', ${k === 2 ? "closed" : "open"}, ${adminId}, now() - make_interval(days => ${w + k}),
                      ${k === 2 ? sql`now()` : null})`,
              );
              await tx.execute(
                sql`insert into adverse_events (participant_id, study_id, term, category, grade, onset_on, serious, serious_criteria, relatedness, action_taken, outcome, aware_at, reported_at)
                    values (${pid}, ${site.study_id}, 'Fever', 'general', 2, ${addDays("2025-06-01", w)}, ${k === 1}, ${k === 1 ? "{death}" : "{}"}::text[], 'possible', 'none', 'recovered',
                      now() - interval '3 days', ${k === 1 ? sql`now()` : null})`,
              );
              if (other && w % 2 === 0) {
                const [to, from] = w % 4 === 0 ? [other, site] : [site, other];
                await tx.execute(sql`update participants set site_id = ${to.id}, centre_id = ${to.centre_id} where id = ${pid} and site_id = ${from.id}`);
              }
            }
            await tx.execute(
              sql`update queries set status = 'answered' where id = (select max(q.id) from queries q join participants p on p.id = q.participant_id
                   where p.enrol_site_id = ${site.id} and q.status = 'open')`,
            );
          }),
        ),
      );
    }
    await compareViews(6);
    const kept = await factTables();
    await db.execute(sql`select metric_rebuild(${NETWORK_TIME_ZONE})`);
    expect(await factTables()).toEqual(kept);
  });

  it("counts timestamps in the zone it was built for, and recounts when the network's zone differs", async () => {
    await db.execute(sql`select metric_rebuild('UTC')`);
    const [before] = await rows<{ zone: string }>(sql`select zone from metric_settings`);
    expect(before.zone).toBe("UTC");
    await syncFactsZone(db);
    const [after] = await rows<{ zone: string }>(sql`select zone from metric_settings`);
    expect(after.zone).toBe(NETWORK_TIME_ZONE);
    await compareViews(6);
    await expect(db.execute(sql`select metric_rebuild('Not/AZone')`)).rejects.toThrow();
  });
});
