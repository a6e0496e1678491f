// npm run bench:export -- --sizes 5,20 — the analysis exports of a study of 20,000 participants
// with every form entered: the CRF benchmark's data (bench/crf-build.ts: 20 sites, 8 events × 5
// forms of 20 items, every form of every event), built once (the largest size). Each size is an
// export of 1,000 × size participants: the whole study at 20, its first `size` sites (1,000
// participants each) below — same database, so the sizes differ only in what is exported. Each
// exporter below writes all forms and events (as the study's PI) into a counting sink, through
// the same read door as the download; printed: data rows, rows per second, total
// time, bytes, and the process's peak memory growth over the export (resident set sampled every
// 50 ms — PGlite's worker thread included — and the JavaScript heap). PGlite in a temporary
// folder always; PostgreSQL too when DATABASE_URL is set. Goal: growth under 100 MB at every
// size, the CSV export of 20,000 participants under a minute on a 2-core machine.
import os from "node:os";
import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { queryRows, setProcessDatabase, type Handle } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { BENCH_SITES, buildCrfBench } from "@/bench/crf-build";
import { onEachDatabase } from "@/bench/timing";
import { recordExportCommand } from "@/lib/exchange/commands/record-export";
import { writeAnalysisExport } from "@/lib/exchange/export/write";
import { odmClinical } from "@/lib/exchange/queries/odm-clinical";
import type { ReadActor } from "@/lib/reads/define-query";
import { runCommand } from "@/lib/testing/run-command";

/** An export of a whole study into a sink; what it reports. One entry per format, run in turn. */
type Exporter = { name: string; run: (actor: ReadActor, studyId: number, siteIds: number[], sink: Writable) => Promise<{ rows: number }> };

const EXPORTERS: Exporter[] = [
  {
    name: "CSV zip (long + wide + dictionary + scripts)",
    run: (actor, studyId, siteIds, sink) =>
      writeAnalysisExport(actor, { studyId, forms: [], events: [], sites: siteIds, removeIdentifiers: false, removeFreeText: false, shiftDates: false, labels: "en" }, sink),
  },
  {
    // Rows here are form instances (FormData elements); the file streams subject by subject.
    name: "ODM 1.3.2 clinical data (XML, audit records)",
    run: async (actor, studyId, siteIds, sink) => {
      const out = await odmClinical(actor, studyId, { centreIds: siteIds }, new Date());
      if (!out) throw new Error("the ODM export found no study");
      let rows = 0;
      for await (const chunk of out.chunks) {
        rows += chunk.split("<FormData ").length - 1;
        if (!sink.write(chunk)) await new Promise((resolve) => sink.once("drain", resolve));
      }
      return { rows };
    },
  },
];

function argSizes(): number[] {
  const i = process.argv.indexOf("--sizes");
  const v = i >= 0 ? process.argv[i + 1] : (process.env.BENCH_SIZES ?? "5,20");
  const sizes = v.split(",").map(Number);
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 20)) throw new Error(`--sizes takes whole numbers from 1 to 20 (thousands of participants), e.g. 5,20, not ${v}`);
  return sizes;
}

/** Counts what it is given and drops it: the export is measured, not the disk. */
class CountingSink extends Writable {
  bytes = 0;
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.bytes += chunk.length;
    cb();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function readActor(h: Handle, email: string): Promise<ReadActor> {
  const [u] = await h.db.select({ id: users.id, role: users.role, centreId: users.centreId, centrePath: organisations.path }).from(users).innerJoin(organisations, eq(organisations.id, users.centreId)).where(eq(users.email, email));
  return u;
}

/** Peak resident set and heap above their values at the start, sampled every 50 ms while `fn` runs. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; rssGrowth: number; heapGrowth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const t = performance.now();
  try {
    const result = await fn();
    sample();
    return { result, seconds: (performance.now() - t) / 1000, rssGrowth: rss - start.rss, heapGrowth: heap - start.heapUsed };
  } finally {
    clearInterval(timer);
  }
}

async function run(kind: string, h: Handle, sizes: number[]) {
  const participants = Math.max(...sizes) * 1000;
  console.log(`\n${kind}: a study of ${participants} participants`);
  await h.migrate();
  setProcessDatabase(h);
  try {
    const t0 = performance.now();
    const bench = await buildCrfBench(h.db, participants);
    await h.migrate(); // as the app's start: statistics refreshed
    const [c] = await queryRows<{ instances: number }>(h.db, sql`select count(*)::int as instances from crf_form_instances`);
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${c.instances} form instances; rss ${mb(process.memoryUsage().rss)} before the exports`);
    const pi = await readActor(h, bench.piEmail);
    const sites = (await queryRows<{ id: number }>(h.db, sql`select centre_id as id from study_sites where study_id = ${bench.studyId} order by centre_id`)).map((r) => Number(r.id));
    const perSite = participants / BENCH_SITES;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const take = Math.round((size * 1000) / perSite);
      const siteIds = take >= sites.length ? [] : sites.slice(0, take);
      // The download records the export first (its audit event), then streams.
      const recorded = await runCommand(bench.piEmail, recordExportCommand, { studyId: bench.studyId, forms: [], events: [], sites: siteIds, labels: "en" });
      if (!recorded.ok) throw new Error(`the export was refused: ${recorded.message}`);
      for (const e of EXPORTERS) {
        const sink = new CountingSink();
        const m = await measured(() => e.run(pi, bench.studyId, siteIds, sink));
        const rows = m.result.rows;
        console.log(
          `  ${String(size * 1000).padStart(6)} participants, ${e.name}: ${rows} rows in ${m.seconds.toFixed(1)} s = ${Math.round(rows / m.seconds)} rows/s, ` +
            `${mb(sink.bytes)} zip; peak growth rss ${mb(m.rssGrowth)}, heap ${mb(m.heapGrowth)}`,
        );
      }
    }
  } finally {
    setProcessDatabase(undefined);
  }
}

async function main() {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  const sizes = argSizes();
  console.log(`Export benchmark, sizes ${sizes.map((s) => s * 1000).join(", ")} participants; load average ${load()} on ${os.cpus().length} cores`);
  await onEachDatabase("export", (kind, h) => run(kind, h, sizes));
  console.log(`\nload average at the end: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
