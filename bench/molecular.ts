// npm run bench:molecular — the molecular workload of issue 16: import a 500-gene panel VCF of
// 2,000 variants through the real import command; match 25,000 patients' latest results against
// 50 recruiting studies' biomarker criteria (the full network match, as a result report's
// notices and the network views run it); open a site's match list (siteMatches, as the page
// does). Median and p95; PGlite in a temporary folder always, PostgreSQL too when DATABASE_URL
// is set (a fresh database). Goals: import < 2 s, full match < 1 s, list p95 < 100 ms.
import os from "node:os";
import { sql } from "drizzle-orm";
import { queryRows, type Db, type Handle } from "@/db/client";
import { buildMolecularBench, panelGenes, PATIENTS, STUDIES } from "@/bench/molecular-build";
import { onEachDatabase, timeCallsWithCpu as timeCalls } from "@/bench/timing";
import type { Command } from "@/lib/actions/define-command";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { importResultsCommand } from "@/lib/molecular/commands/import-results";
import { computeMatches } from "@/lib/molecular/match-engine";
import { siteMatches } from "@/lib/molecular/queries/matches";
import { seedNetwork } from "@/seed/network";
import { seedUsers } from "@/seed/users";
import type { z } from "zod";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 10);
const VARIANTS = 2000;

/**
 * A command as the pipeline runs it (schema, handler in one transaction, its audit events
 * appended), for an actor built here: a benchmark has no signed-in session.
 */
async function runAs<S extends z.ZodType, R>(db: Db, actor: Actor, command: Command<S, R>, raw: unknown): Promise<R> {
  const input = command.schema.parse(raw);
  return db.transaction(async (tx) => {
    const events: AuditInput[] = [];
    const r = await command.handler({ actor, input, tx: tx as unknown as Db, audit: (e) => events.push(e), prepared: undefined as never });
    await appendAudit(tx as unknown as Db, { id: actor.id, centreId: actor.centreId }, events);
    return r;
  });
}

/** An annotated GRCh38 VCF of `n` SNVs over the 500 panel genes (4 per gene), one tumour sample. */
export function panelVcf(n: number): string[] {
  const genes = panelGenes();
  const bases = ["A", "C", "G", "T"];
  const lines = [
    "##fileformat=VCFv4.2",
    "##reference=GRCh38",
    '##INFO=<ID=ANN,Number=.,Type=String,Description="SnpEff">',
    '##INFO=<ID=CLASS,Number=A,Type=String,Description="AMP tier">',
    '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
    ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO", "FORMAT", "TUMOR"].join("\t"),
  ];
  for (let i = 0; i < n; i++) {
    const gene = genes[i % genes.length];
    const ref = bases[i % 4];
    const alt = bases[(i + 1) % 4];
    const pos = 1000 + i * 37;
    const ann = `ANN=${alt}|missense_variant|MODERATE|${gene}|${gene}|transcript|NM_${String(100000 + (i % 500)).padStart(6, "0")}.1|protein_coding|1/10|c.${pos}${ref}>${alt}|p.Ala${1 + (i % 900)}Val`;
    lines.push([`chr${1 + (i % 22)}`, String(pos), ".", ref, alt, ".", "PASS", `${ann};CLASS=${["I", "II", "III", "IV"][i % 4]}`, "AF:DP", `${(0.05 + (i % 40) / 100).toFixed(2)}:${300 + (i % 700)}`].join("\t"));
  }
  return lines;
}


const line = (label: string, s: { median: number; p95: number; cpu: { median: number; p95: number } }, goal: number) =>
  console.log(
    `  ${label.padEnd(52)} median ${s.median.toFixed(1).padStart(8)} ms   p95 ${s.p95.toFixed(1).padStart(8)} ms   cpu median ${s.cpu.median.toFixed(1).padStart(7)} p95 ${s.cpu.p95.toFixed(1).padStart(7)} ms   (goal < ${goal} ms${goal === 100 ? " p95" : ""})`,
  );

async function run(kind: string, h: Handle) {
  console.log(`\n${kind} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores)`);
  await h.migrate();
  await seedNetwork(h.db);
  await seedUsers(h.db);
  const t0 = performance.now();
  const built = await buildMolecularBench(h.db);
  await h.migrate(); // as the app's start does: statistics refreshed, nothing else analysed
  console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${PATIENTS} patients, ${built.orders} reported orders, ${built.variants} variants, ${STUDIES} recruiting studies`);

  const [labUser] = await queryRows<{ id: number; centreId: number; path: string }>(
    h.db,
    sql`select u.id, u.centre_id as "centreId", o.path from users u join organisations o on o.id = u.centre_id where u.role = 'molecular_lab' limit 1`,
  );
  const actor = (role: Actor["role"], id: number, centreId: number, centrePath: string): Actor => ({
    id, email: "bench@ncrc.demo", name: "bench", role, centreId, centrePath, centreCode: "", centreNameZh: "", centreNameEn: "", locale: "en", sessionId: null,
  });
  const lab = actor("molecular_lab", labUser.id, labUser.centreId, labUser.path);

  // Import: each run on a fresh order in analysis (results are imported once per order).
  const vcf = panelVcf(VARIANTS);
  const p = built.pids[0];
  const newOrder = async () => {
    const [o] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into molecular_orders (specimen_id, participant_id, study_id, lab_centre_id, test_kind, origin, status, ordered_by, ordered_on, received_on, analysis_on)
          values (${built.specimenOf.get(p.id)!}, ${p.id}, ${built.cohortId}, ${lab.centreId}, 'ngs_panel', 'somatic', 'in_analysis', ${lab.id}, '2025-04-01', '2025-04-02', '2025-04-03') returning id`,
    );
    return o.id;
  };
  const importIds: number[] = [];
  for (let i = 0; i < IMPORT_RUNS + 2; i++) importIds.push(await newOrder());
  let next = 0;
  const imported = await timeCalls(
    async () => {
      const r = await runAs(h.db, lab, importResultsCommand, { orderId: importIds[next++], format: "vcf", lines: vcf, tmb: 12.5, msiStatus: "mss" });
      if (r.variants.length !== VARIANTS) throw new Error(`imported ${r.variants.length} variants, expected ${VARIANTS}`);
    },
    IMPORT_RUNS,
    2,
  );
  line(`import a 500-gene VCF, ${VARIANTS} variants (real command)`, imported, 2000);
  // The imported orders are never reported: they do not change the matches below.

  let found = 0;
  const full = await timeCalls(
    async () => {
      found = (await computeMatches(h.db, { scope: sql`true`, donors: sql`true`, results: sql`true` })).length;
    },
    Math.min(RUNS, 15),
    2,
  );
  line(`full network match: ${PATIENTS} patients × ${STUDIES} studies`, full, 1000);
  console.log(`    ${found} matches (patient, study)`);

  // A site's list: site staff at the centres with the most patients, in turn.
  const busiest = await queryRows<{ centreId: number; path: string; n: number }>(
    h.db,
    sql`select p.centre_id as "centreId", o.path, count(*)::int as n from participants p join organisations o on o.id = p.centre_id group by p.centre_id, o.path order by n desc limit 5`,
  );
  const staff = busiest.map((b) => actor("site_staff", 1_000_000 + b.centreId, b.centreId, b.path));
  let listed = 0;
  let turn = 0;
  const list = await timeCalls(
    async () => {
      listed = (await siteMatches(staff[turn++ % staff.length], h.db)).length;
    },
    RUNS,
    3,
  );
  line(`a site's match list (site staff, ~${busiest[0]?.n ?? 0} patients)`, list, 100);
  console.log(`    last list: ${listed} matches`);
}

async function main() {
  await onEachDatabase("molecular", run);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
