"use server";

import { defineAction } from "@/lib/actions/define-action";
import { verifyChainNow, verifyChainSchema } from "@/lib/audit/commands/verify-chain";

export const verifyAuditChainAction = defineAction({ schema: verifyChainSchema, permission: "audit.verify", handler: verifyChainNow, revalidate: () => ["/audit"] });
