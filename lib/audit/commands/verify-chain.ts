import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify";

export const verifyChainSchema = z.strictObject({});

/** Walks the whole chain on request and records that it did, with the result. */
export const verifyChainCommand = defineCommand({
  name: "audit.chain.verify",
  schema: verifyChainSchema,
  permission: "audit.verify",
  handler: async ({ actor, tx, audit }): Promise<ChainReport> => {
    const report = await verifyAuditChain(tx);
    audit({ action: "audit.verified", entityType: "audit_chain", centreId: actor.centreId, after: report });
    return report;
  },
});
