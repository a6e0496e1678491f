"use server";

import { defineAction } from "@/lib/actions/define-action";
import { aliquotCommand } from "@/lib/biobank/commands/aliquot";
import { changeStatusCommand } from "@/lib/biobank/commands/change-status";
import { registerSpecimenCommand } from "@/lib/biobank/commands/register-specimen";

export const registerSpecimenAction = defineAction(registerSpecimenCommand, {
  revalidate: () => ["/biobank"],
  redirectTo: (d) => `/biobank/specimens/${d.barcode}?registered=1`,
});

export const aliquotAction = defineAction(aliquotCommand, { revalidate: (d) => [`/biobank/specimens/${d.parent}`] });

export const changeStatusAction = defineAction(changeStatusCommand, { revalidate: () => ["/biobank"] });
