// npm run bench:api -- --scale 1..20 — the REST API's participant list and form read, end to end
// through the route handlers' functions (lib/api/endpoints): a Request with a bearer token in,
// authentication (token and person loaded from the database, the rate-limit counter upserted),
// the read door with the person's scope, the JSON out. The data: bench/crf-build.ts (1,000 ×
// scale participants, default 5: 5,000, × 8 events × 5 forms, every form entered). Target
// (issue 15): p95 under 100 ms for both. PGlite in a temporary folder; PostgreSQL too when
// DATABASE_URL is set. The rate limit is raised for the run (API_RATE_LIMIT_PER_MINUTE):
// a few hundred calls a minute from one token is what it is there to stop.
import os from "node:os";
import { sql } from "drizzle-orm";
import { queryRows, setProcessDatabase, type Handle } from "@/db/client";
import { buildCrfBench } from "@/bench/crf-build";
import { onEachDatabase, stats } from "@/bench/timing";
import { getFormEndpoint } from "@/lib/api/endpoints/forms";
import { listParticipantsEndpoint } from "@/lib/api/endpoints/participants";
import { seededRandom } from "@/lib/random/seeded";
import { apiRequest, makeToken, routeContext } from "@/lib/testing/api";

function argScale(): number {
  const i = process.argv.indexOf("--scale");
  const v = i >= 0 ? process.argv[i + 1] : process.env.BENCH_SCALE;
  const n = v === undefined ? 5 : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`--scale takes a whole number from 1 to 20 (thousands of participants), not ${v}`);
  return n;
}

const SCALE = argScale();
const PARTICIPANTS = 1000 * SCALE;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";

const fmt = (n: number) => n.toFixed(1).padStart(7);

/** Wall time and this process's CPU time (main thread and the PGlite worker) per call: on a shared machine wall time includes waiting for a core. */
async function time(fn: (i: number) => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(i);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ...stats(wall), cpu: stats(cpu) };
}

async function ok(r: Response, what: string): Promise<Record<string, unknown>> {
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function run(kind: string, h: Handle) {
  console.log(`\n${kind}`);
  await h.migrate();
  setProcessDatabase(h);
  const bench = await buildCrfBench(h.db, PARTICIPANTS);
  await h.migrate(); // the app's start on an existing database: statistics refreshed
  const [study] = await queryRows<{ code: string }>(h.db, sql`select code from studies where id = ${bench.studyId}`);
  const staff = await makeToken(bench.staffEmail);
  const pi = await makeToken(bench.piEmail);
  const cells = await queryRows<{ subject: string; event: string; form: string }>(
    h.db,
    sql`select p.subject_code as subject, e.name as event, f.name as form from crf_form_instances i
        join participants p on p.id = i.participant_id join crf_events e on e.id = i.event_id join crf_forms f on f.id = i.form_id
        where p.centre_id = ${bench.siteCentreId} order by i.id`,
  );
  const rand = seededRandom(20261202);
  const sample = Array.from({ length: WARMUP + RUNS }, () => cells[Math.floor(rand() * cells.length)]);
  const at = (i: number) => sample[i < 0 ? -1 - i : WARMUP + i];
  const code = study.code;

  const list = (token: string, limit: number) => async () => {
    const b = await ok(await listParticipantsEndpoint(apiRequest(`/studies/${code}/participants?limit=${limit}`, { token }), routeContext({ code })), "participant list");
    if ((b.data as unknown[]).length !== limit) throw new Error(`participant list: ${(b.data as unknown[]).length} rows, not ${limit}`);
  };
  // A page deep in the list: the cursor of the last page the PI would walk to.
  const [deep] = await queryRows<{ id: number }>(h.db, sql`select id from participants where study_id = ${bench.studyId} order by id offset ${PARTICIPANTS - 60} limit 1`);
  const deepCursor = Buffer.from(`a:${deep.id}`, "utf8").toString("base64url");
  const listDeep = async () => {
    const b = await ok(await listParticipantsEndpoint(apiRequest(`/studies/${code}/participants?limit=50&cursor=${deepCursor}`, { token: pi.secret }), routeContext({ code })), "deep page");
    if ((b.data as unknown[]).length !== 50) throw new Error("deep page: wrong row count");
  };
  const form = async (i: number) => {
    const c = at(i);
    const b = await ok(
      await getFormEndpoint(apiRequest(`/studies/${code}/participants/${c.subject}/events/${c.event}/forms/${c.form}`, { token: staff.secret }), routeContext({ code, subject: c.subject, event: c.event, form: c.form })),
      "form read",
    );
    if (b.version === 0) throw new Error("form read: no saved instance");
  };

  const rows = [
    ["participant list, 50 a page (site staff: their site)", await time(list(staff.secret, 50))],
    ["participant list, 200 a page (PI)", await time(list(pi.secret, 200))],
    ["participant list, 50 a page (PI: every site)", await time(list(pi.secret, 50))],
    ["participant list, a page deep in the cursor (PI)", await time(listDeep)],
    ["form read (site staff, random entered form)", await time(form)],
  ] as const;
  console.log(`  ${"GET through the endpoint (auth + rate limit + read + JSON)".padEnd(58)} ${"median".padStart(7)} ${"p95".padStart(7)}  ${"cpu med".padStart(7)} ${"cpu p95".padStart(7)}  (ms, ${RUNS} runs after ${WARMUP} warm-up)`);
  for (const [label, s] of rows) console.log(`  ${label.padEnd(58)} ${fmt(s.median)} ${fmt(s.p95)}  ${fmt(s.cpu.median)} ${fmt(s.cpu.p95)}${s.p95 < 100 ? "" : "  (wall p95 over the 100 ms target)"}`);
  const [q] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from api_token_usage`);
  console.log(`  rate-limit counter rows after the run: ${q.n} (one per token and minute)`);
  setProcessDatabase(undefined);
}

async function main() {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`API benchmark, scale ${SCALE} (${PARTICIPANTS} participants); load average ${load()} on ${os.cpus().length} cores`);
  await onEachDatabase("api", run);
  console.log(`\nload average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
