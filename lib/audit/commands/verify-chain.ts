import { z } from "zod";
import { defineCommand } from "@/lib/actions/define-command";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify";

export const verifyChainSchema = z.strictObject({});

/**
 * Walks the chain on request (from the last verified point) and records that it did, with the
 * result. The walk runs before the command's transaction, in chunks on the process's handle
 * (lib/audit/verify.ts): inside the transaction it would hold the database — all of it, on
 * PGlite — for as long as the walk takes. The transaction only writes the audit event.
 */
export const verifyChainCommand = defineCommand({
  name: "audit.chain.verify",
  schema: verifyChainSchema,
  permission: "audit.verify",
  prepare: ({ db }) => verifyAuditChain(db),
  handler: async ({ actor, audit, prepared }): Promise<ChainReport> => {
    if (!prepared) throw new Error("audit.chain.verify: the walk did not run");
    const report = prepared as ChainReport;
    audit({ action: "audit.verified", entityType: "audit_chain", centreId: actor.centreId, after: report });
    return report;
  },
});
