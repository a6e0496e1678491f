import fs from "node:fs";
import { getHandle } from "@/db/client";
import { parseAnchor } from "@/lib/audit/anchor";
import { verifyAudit, type Anchor } from "@/lib/audit/verify";

// npm run audit:verify [-- --full] [-- --anchor FILE] [-- --json]
//   default: from the last verification that found the chain intact; --full: from the first event.
//   --anchor FILE: also compare with an anchor printed earlier by `npm run audit:anchor`.
// Exit status: 0 intact, 1 something is broken (each finding is named), 2 could not run.

function args(argv: string[]): { full: boolean; json: boolean; anchorFile: string | null } {
  const out = { full: false, json: false, anchorFile: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--full") out.full = true;
    else if (a === "--json") out.json = true;
    else if (a === "--anchor") out.anchorFile = argv[++i] ?? null;
    else if (a.startsWith("--anchor=")) out.anchorFile = a.slice("--anchor=".length);
    else throw new Error(`unknown argument ${a} (use --full, --anchor FILE, --json)`);
  }
  if (out.anchorFile === null && argv.includes("--anchor")) throw new Error("--anchor needs the file the anchor was saved to");
  return out;
}

async function main() {
  const opts = args(process.argv.slice(2));
  const anchor: Anchor | null = opts.anchorFile ? parseAnchor(fs.readFileSync(opts.anchorFile, "utf8")) : null;
  const h = await getHandle();
  const v = await verifyAudit(h.db, { full: opts.full, anchor });
  await h.close();
  if (opts.json) {
    console.log(JSON.stringify(v, null, 2));
  } else {
    const from = v.mode === "full" ? "from the first event" : `from event #${v.startedAfter} (last verified; --full to re-walk all)`;
    const head = v.head ? `head #${v.head.eventId}, position ${v.head.position}` : "no events";
    if (v.ok) {
      console.log(`audit trail intact (${h.kind}): ${v.checked} events and ${v.checkpoints} signed checkpoints checked ${from}; ${head}; ${v.unsigned} event(s) after the last checkpoint${anchor ? "; matches the anchor" : ""}`);
    } else {
      console.error(`audit trail BROKEN (${h.kind}): ${v.findings.length} finding(s), ${v.checked} events checked ${from}; ${head}`);
      for (const f of v.findings) console.error(`  - [${f.kind}] ${f.message}`);
    }
  }
  process.exit(v.ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
