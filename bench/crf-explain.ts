// npx tsx --tsconfig bench/tsconfig.json bench/crf-explain.ts [--participants 5000] [--dir /tmp/x]
// Builds the CRF benchmark's study (bench/crf-build.ts) in a PGlite folder (kept: a second run
// reuses it), then opens a form, a participant's grid, saves a form and reads the completion
// overview once each, printing every statement they send with its time, and EXPLAIN ANALYZE of
// the slowest few: what to look at when a figure of `npm run bench:crf` grows with the study.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { PGlite } from "@electric-sql/pglite";
import { MIGRATIONS_DIR, queryRows, setProcessDatabase, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { refreshStatistics } from "@/db/maintenance";
import { buildCrfBench } from "@/bench/crf-build";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { formEntry, participantFormGrid } from "@/lib/crf/queries/form-entry";
import { runCommand } from "@/lib/testing/run-command";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg("--participants", "5000"));
const DIR = arg("--dir", `/tmp/crf-explain-${N}`);

type Logged = { text: string; params: unknown[]; ms: number };
let log: Logged[] | null = null;

async function main() {
  const fresh = !fs.existsSync(DIR);
  const pg = new PGlite(DIR);
  await pg.waitReady;
  const query = pg.query.bind(pg);
  (pg as unknown as { query: typeof pg.query }).query = (async (text: string, params?: unknown[], opts?: unknown) => {
    const t = performance.now();
    try {
      return await query(text, params as never, opts as never);
    } finally {
      log?.push({ text, params: params ?? [], ms: performance.now() - t });
    }
  }) as typeof pg.query;
  const transaction = pg.transaction.bind(pg);
  (pg as unknown as { transaction: typeof pg.transaction }).transaction = ((fn: (tx: never) => Promise<unknown>) =>
    transaction(async (tx) => {
      const txQuery = tx.query.bind(tx);
      (tx as unknown as { query: typeof tx.query }).query = (async (text: string, params?: unknown[], opts?: unknown) => {
        const t = performance.now();
        try {
          return await txQuery(text, params as never, opts as never);
        } finally {
          log?.push({ text: `[tx] ${text}`, params: params ?? [], ms: performance.now() - t });
        }
      }) as typeof tx.query;
      return fn(tx as never);
    })) as typeof pg.transaction;
  const db = drizzle(pg, { schema }) as unknown as Db;
  await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
  setProcessDatabase({ db, kind: "pglite", migrate: async () => {}, close: async () => {} });
  if (fresh) {
    const t = performance.now();
    await buildCrfBench(db, N);
    console.log(`built ${N} participants in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await refreshStatistics(db);
  const [u] = await queryRows<{ id: number; role: string; centre_id: number; path: string }>(db, sql`select u.id, u.role, u.centre_id, o.path from users u join organisations o on o.id = u.centre_id where u.email = 'staffCG01@crf.bench'`);
  const [pi] = await queryRows<{ id: number; role: string; centre_id: number; path: string }>(db, sql`select u.id, u.role, u.centre_id, o.path from users u join organisations o on o.id = u.centre_id where u.email = 'pi@crf.bench'`);
  const actor = (r: typeof u) => ({ id: Number(r.id), role: r.role, centreId: Number(r.centre_id), centrePath: r.path }) as never;
  const [cell] = await queryRows<{ participantId: number; eventId: number; formId: number; studyId: number }>(
    db,
    sql`select i.participant_id as "participantId", i.event_id as "eventId", i.form_id as "formId", i.study_id as "studyId" from crf_form_instances i join participants p on p.id = i.participant_id
        where p.centre_id = ${u.centre_id} and i.status = 'complete' order by i.id desc limit 1 offset 3`,
  );
  const all: Logged[] = [];
  const step = async (name: string, fn: () => Promise<unknown>) => {
    await fn(); // warm
    log = [];
    const t = performance.now();
    await fn();
    const total = performance.now() - t;
    console.log(`\n== ${name}: ${total.toFixed(1)} ms, ${log.length} statements`);
    for (const l of log) console.log(`  ${l.ms.toFixed(1).padStart(7)} ms  ${l.text.replace(/\s+/g, " ").slice(0, 160)}`);
    all.push(...log);
    log = null;
  };
  await step("formEntry", () => formEntry(actor(u), { ...cell, repeat: 1 }));
  await step("participantFormGrid", () => participantFormGrid(actor(u), cell.participantId));
  let w = 0;
  await step("saveFormCommand", async () => {
    const e = (await formEntry(actor(u), { ...cell, repeat: 1 }))!;
    const k = e.form.name.replace("bench_form_", "");
    const values = { ...e.instance!.values, [`f${k}_n4`]: (20 + (w++ % 50) + 0.5).toFixed(1) };
    const r = await runCommand("staffCG01@crf.bench", saveFormCommand, { participantId: cell.participantId, eventId: cell.eventId, formId: cell.formId, repeat: 1, formVersionId: e.form.formVersionId, expectedVersion: e.instance!.version, values, missing: e.instance!.missing, complete: true, reason: "bench", confirmedSoft: [] });
    if (!r.ok) throw new Error(JSON.stringify(r));
  });
  await step("studyCompletion", () => studyCompletion(actor(pi), cell.studyId));
  const slow = all.map((l) => ({ ...l, text: l.text.replace(/^\[tx\] /, "") })).filter((l) => /^\s*(select|with|insert|update)/i.test(l.text) && !/ for update/i.test(l.text)).sort((a, b) => b.ms - a.ms).slice(0, Number(arg("--explain", "6")));
  for (const l of slow) {
    console.log(`\n-- ${l.ms.toFixed(1)} ms: ${l.text.replace(/\s+/g, " ").slice(0, 300)}`);
    await query("begin");
    try {
      const r = await query<{ "QUERY PLAN": string }>(`explain analyze ${l.text}`, l.params as never);
      for (const row of r.rows) console.log(`   ${row["QUERY PLAN"]}`);
    } catch (err) {
      console.log(`   (${(err as Error).message})`);
    } finally {
      await query("rollback");
    }
  }
  await pg.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
