"use server";

import { defineAction } from "@/lib/actions/define-action";
import { resetPasswordCommand } from "@/lib/users/commands/reset-password";

export const resetPasswordAction = defineAction(resetPasswordCommand, { redirectTo: () => "/login?reset=1" });
