"use server";

import { defineAction } from "@/lib/actions/define-action";
import { verifyChainCommand } from "@/lib/audit/commands/verify-chain";

export const verifyAuditChainAction = defineAction(verifyChainCommand, { revalidate: () => ["/audit"] });
