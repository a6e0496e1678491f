import { getHandle } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";

async function main() {
  const h = await getHandle();
  const report = await verifyAuditChain(h.db);
  if (report.ok) {
    console.log(`audit chain intact: ${report.checked} events checked (${h.kind})`);
  } else {
    console.error(
      `audit chain BROKEN at event #${report.brokenId} (${report.problem === "hash" ? "content does not match its hash" : "does not link to the previous event"}); ${report.checked} events before it are intact`,
    );
  }
  await h.close();
  process.exit(report.ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
