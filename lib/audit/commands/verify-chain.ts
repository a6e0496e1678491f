import { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify";

export const verifyChainSchema = z.strictObject({});

/** Walks the whole chain on request and records that it did, with the result. */
export async function verifyChainNow({ actor, tx, audit }: ActionContext<z.infer<typeof verifyChainSchema>>): Promise<ChainReport> {
  const report = await verifyAuditChain(tx);
  audit({ action: "audit.verified", entityType: "audit_chain", centreId: actor.centreId, after: report });
  return report;
}
