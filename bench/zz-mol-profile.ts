// Temporary profiling harness (removed after use).
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { buildMolecularBench } from "@/bench/molecular-build";
import { scratchPgliteDir } from "@/lib/testing/scratch";
import { computeMatches } from "@/lib/molecular/match-engine";
import { readCandidates } from "@/lib/molecular/match-reads";
import { loadRecruitingCriteria } from "@/lib/molecular/study-criteria";
import { criteriaGenes, indexCriteria, matchIndexed } from "@/lib/molecular/matching";
import { seedNetwork } from "@/seed/network";
import { seedUsers } from "@/seed/users";

async function main() {
  const s = await scratchPgliteDir("zz-mol-profile");
  const h = s.handle;
  try {
    await h.migrate();
    await seedNetwork(h.db);
    await seedUsers(h.db);
    await buildMolecularBench(h.db);
    await h.migrate();
    const f = { scope: sql`true`, donors: sql`true`, results: sql`true` };
    for (let i = 0; i < 3; i++) await computeMatches(h.db, f);
    const studies = (await loadRecruitingCriteria(h.db)).filter((x) => x.criteria.length > 0 && x.sites.length > 0);
    const all = studies.flatMap((x) => x.criteria);
    const t = async (label: string, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const a = performance.now();
        await fn();
        times.push(performance.now() - a);
      }
      times.sort((a, b) => a - b);
      console.log(label.padEnd(30), times.map((x) => x.toFixed(0)).join(" "));
    };
    await t("loadRecruitingCriteria", () => loadRecruitingCriteria(h.db));
    await t("readCandidates", () => readCandidates(h.db, f, criteriaGenes(all), ["tmb", "msi", "her2_ihc", "pdl1_tps", "pdl1_cps"], studies.map((x) => x.studyId)));
    await t("computeMatches", () => computeMatches(h.db, f));
    const set = await readCandidates(h.db, f, criteriaGenes(all), ["tmb", "msi", "her2_ihc", "pdl1_tps", "pdl1_cps"], studies.map((x) => x.studyId));
    const index = indexCriteria(studies.map((x) => x.criteria));
    console.log("candidates", set.candidates.length, "taken", set.taken.size, "variants", set.candidates.reduce((n, c) => n + c.results.variants.length, 0));
    await t("matchIndexed loop", async () => {
      let n = 0;
      for (const c of set.candidates) n += matchIndexed(index, c.results).length;
      return n;
    });
    const geneList = `{${criteriaGenes(all).join(",")}}`;
    const parts: Record<string, string> = {
      latest: `select count(*) from (select distinct on (mo.participant_id, mo.donor_id, mo.test_kind, mo.origin) mo.id from molecular_orders mo left join participants p on p.id = mo.participant_id left join donors d on d.id = mo.donor_id where mo.status = 'reported' and ((mo.participant_id is not null and p.status <> 'withdrawn') or (mo.donor_id is not null)) order by mo.participant_id, mo.donor_id, mo.test_kind, mo.origin, mo.reported_on desc, mo.id desc) x`,
      variantsAgg: `select length(string_agg(concat_ws(',', v.order_id, v.gene, coalesce(v.partner_gene, ''), coalesce(v.hgvs_p, ''), coalesce(v.hgvs_c, ''), v.variant_type, coalesce(v.vaf::text, ''), v.origin, coalesce(v.somatic_tier::text, ''), coalesce(v.germline_class::text, '')), ';')) from molecular_variants v where v.gene = any('${geneList}'::text[]) or v.partner_gene = any('${geneList}'::text[])`,
      taken: `select count(*) from participants p2 join participants p on p.national_id_hash = p2.national_id_hash`,
    };
    for (const [k, q] of Object.entries(parts)) await t(k, () => h.db.execute(sql.raw(q)));
    if (process.env.EXPLAIN) {
      const rows = await queryRows<{ "QUERY PLAN": string }>(h.db, sql.raw(process.env.EXPLAIN));
      console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    const shell = process.env.SQLS?.split(";;") ?? [];
    for (const q of shell) await t(q.slice(0, 30), () => h.db.execute(sql.raw(q)));
  } finally {
    await s.drop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
