// npm run bench:crf -- --scale 1..20 — builds a study with 1,000 × scale participants (default
// 20: 20,000) × 8 events × 5 forms of 20 items, every form entered (bench/crf-build.ts), then
// times what data entry does, through the same doors as the pages: opening a form (formEntry),
// saving a form with its rules (saveFormCommand through the command pipeline: actor from the
// database, schema, permission, one transaction with its version, queries and audit event), a
// save that only changes a form's status (the completion counters' triggers recount), a
// participant's event grid (participantFormGrid) and the study's completion overview; and prints
// the database's size. PGlite in a temporary folder always; PostgreSQL too when DATABASE_URL is
// set. The database is measured as the app's start leaves it: after the bulk build the handle's
// migrate() runs again, as `npm start` does (nothing to migrate; planner statistics refreshed).
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import { queryRows, setProcessDatabase, type Handle } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { BENCH_EVENTS, BENCH_FORMS, buildCrfBench } from "@/bench/crf-build";
import { onEachDatabase, stats } from "@/bench/timing";
import type { ReadActor } from "@/lib/reads/define-query";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { formEntry, participantFormGrid } from "@/lib/crf/queries/form-entry";
import { seededRandom } from "@/lib/random/seeded";
import { runCommand } from "@/lib/testing/run-command";

function argScale(): number {
  const i = process.argv.indexOf("--scale");
  const v = i >= 0 ? process.argv[i + 1] : process.env.BENCH_SCALE;
  const n = v === undefined ? 20 : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`--scale takes a whole number from 1 to 20 (thousands of participants), not ${v}`);
  return n;
}

const SCALE = argScale();
const PARTICIPANTS = 1000 * SCALE;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;

async function time(fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    wall.push(performance.now() - t);
  }
  return stats(wall);
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function readActor(h: Handle, email: string): Promise<ReadActor> {
  const [u] = await h.db.select({ id: users.id, role: users.role, centreId: users.centreId, centrePath: organisations.path }).from(users).innerJoin(organisations, eq(organisations.id, users.centreId)).where(eq(users.email, email));
  return u;
}

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  setProcessDatabase(h);
  const t0 = performance.now();
  const bench = await buildCrfBench(h.db, PARTICIPANTS);
  const built = performance.now() - t0;
  const t1 = performance.now();
  await h.migrate(); // what the app's start does to an existing database: nothing to migrate, statistics refreshed
  const restarted = performance.now() - t1;
  const [c] = await queryRows<{ participants: number; instances: number; versions: number; items: number; queries: number }>(
    h.db,
    sql`select (select count(*) from participants)::int as participants, (select count(*) from crf_form_instances)::int as instances,
      (select count(*) from record_versions)::int as versions, (select count(*) from crf_items)::int as items, (select count(*) from queries)::int as queries`,
  );
  console.log(
    `  built in ${(built / 1000).toFixed(1)} s (+ ${(restarted / 1000).toFixed(1)} s start-up statistics): ${c.participants} participants × ${BENCH_EVENTS} events × ${BENCH_FORMS} forms ` +
      `(${c.items} items) = ${c.instances} form instances, ${c.versions} record versions, ${c.queries} open queries`,
  );

  const staff = await readActor(h, bench.staffEmail);
  const pi = await readActor(h, bench.piEmail);
  // The site's participants and cells, in a fixed random order.
  const cells = await queryRows<{ participantId: number; eventId: number; formId: number }>(
    h.db,
    sql`select i.participant_id as "participantId", i.event_id as "eventId", i.form_id as "formId" from crf_form_instances i join participants p on p.id = i.participant_id
        where p.centre_id = ${bench.siteCentreId} and i.status = 'complete' order by i.id`,
  );
  const rand = seededRandom(20261202);
  const sample = Array.from({ length: WARMUP + RUNS * 2 }, () => cells[Math.floor(rand() * cells.length)]);
  const at = (i: number) => sample[i < 0 ? -1 - i : WARMUP + i];

  const open = await time(async (i) => {
    const e = await formEntry(staff, { ...at(i), repeat: 1 });
    if (!e?.instance) throw new Error("formEntry found no instance");
  });
  const grid = await time(async (i) => {
    const g = await participantFormGrid(staff, at(i).participantId);
    if (!g || g.events.length !== BENCH_EVENTS) throw new Error("participantFormGrid: wrong grid");
  });
  // Each save changes one value of a different complete form (a reason is needed), through the pipeline as the site's staff.
  const saveCells = [...new Map(cells.map((x) => [`${x.participantId}/${x.eventId}/${x.formId}`, x])).values()].filter((_, k) => k % 7 === 3).slice(0, WARMUP + RUNS);
  const saveOne = async (cell: (typeof saveCells)[number]) => {
    const e = await formEntry(staff, { ...cell, repeat: 1 });
    if (!e?.instance) throw new Error("save: no instance");
    const k = e.form.name.replace("bench_form_", "");
    const values = { ...e.instance.values, [`f${k}_n4`]: ((Number(e.instance.values[`f${k}_n4`] ?? 50) % 70) + 11.5).toFixed(1) };
    const input = { ...cell, repeat: 1, formVersionId: e.form.formVersionId, expectedVersion: e.instance.version, values, missing: e.instance.missing, complete: true, reason: "核对原始记录后更正 / corrected against source", confirmedSoft: [] };
    const t = performance.now();
    const r = await runCommand(bench.staffEmail, saveFormCommand, input);
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(`save refused: ${r.message} ${JSON.stringify(r.fieldErrors ?? {})}`);
    return ms;
  };
  for (const cell of saveCells.slice(0, WARMUP)) await saveOne(cell);
  const saveMs: number[] = [];
  for (const cell of saveCells.slice(WARMUP)) saveMs.push(await saveOne(cell));
  const save = stats(saveMs);
  // A save that changes the form's status (complete → in progress, values as they were): the
  // completion counters' triggers recount the participant in the same transaction.
  const statusCells = [...new Map(cells.map((x) => [`${x.participantId}/${x.eventId}/${x.formId}`, x])).values()].filter((_, k) => k % 7 === 5).slice(0, WARMUP + RUNS);
  const reopenOne = async (cell: (typeof statusCells)[number]) => {
    const e = await formEntry(staff, { ...cell, repeat: 1 });
    if (!e?.instance || e.instance.status !== "complete") throw new Error("status save: not a complete instance");
    const input = { ...cell, repeat: 1, formVersionId: e.form.formVersionId, expectedVersion: e.instance.version, values: e.instance.values, missing: e.instance.missing, complete: false, reason: "核对后重新打开 / reopened to check", confirmedSoft: [] };
    const t = performance.now();
    const r = await runCommand(bench.staffEmail, saveFormCommand, input);
    const ms = performance.now() - t;
    if (!r.ok) throw new Error(`status save refused: ${r.message} ${JSON.stringify(r.fieldErrors ?? {})}`);
    return ms;
  };
  for (const cell of statusCells.slice(0, WARMUP)) await reopenOne(cell);
  const statusMs: number[] = [];
  for (const cell of statusCells.slice(WARMUP)) statusMs.push(await reopenOne(cell));
  const statusSave = stats(statusMs);
  console.log(`  ${"read / command".padEnd(58)} ${"median".padStart(7)} ${"p95".padStart(7)}  (ms, ${RUNS} runs after ${WARMUP} warm-up)`);
  console.log(`  ${"opening a form (formEntry, site staff)".padEnd(58)} ${fmt(open.median)} ${fmt(open.p95)}`);
  console.log(`  ${"saving a form with its rules (saveFormCommand, site staff)".padEnd(58)} ${fmt(save.median)} ${fmt(save.p95)}`);
  console.log(`  ${"saving a form that changes its status (completion recount)".padEnd(58)} ${fmt(statusSave.median)} ${fmt(statusSave.p95)}`);
  console.log(`  ${"a participant's event grid (participantFormGrid)".padEnd(58)} ${fmt(grid.median)} ${fmt(grid.p95)}`);
  const comp = await time(async () => {
    const o = await studyCompletion(pi, bench.studyId);
    if (!o || o.study.expected !== c.instances) throw new Error(`studyCompletion: expected ${o?.study.expected} forms, not ${c.instances}`);
  });
  console.log(`  ${"the study's completion overview (studyCompletion, PI)".padEnd(58)} ${fmt(comp.median)} ${fmt(comp.p95)}`);
  const [size] = await queryRows<{ db: number; inst: number; rv: number }>(
    h.db,
    sql`select pg_database_size(current_database())::float8 as db, pg_total_relation_size('crf_form_instances')::float8 as inst, pg_total_relation_size('record_versions')::float8 as rv`,
  );
  console.log(`  database size ${mb(size.db)}: crf_form_instances ${mb(size.inst)} (${Math.round(size.inst / c.instances)} bytes a form), record_versions ${mb(size.rv)}`);
  setProcessDatabase(undefined);
}

async function main() {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`CRF benchmark, scale ${SCALE} (${PARTICIPANTS} participants); load average ${load()} on ${os.cpus().length} cores`);
  await onEachDatabase("crf", run);
  console.log(`\nload average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
