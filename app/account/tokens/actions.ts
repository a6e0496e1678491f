"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createTokenCommand } from "@/lib/api/commands/create-token";
import { revokeTokenCommand } from "@/lib/api/commands/revoke-token";

export const createMyToken = defineAction(createTokenCommand, { revalidate: () => ["/account/tokens"] });
export const revokeMyToken = defineAction(revokeTokenCommand, { revalidate: () => ["/account/tokens"] });
