"use server";

import { defineAction } from "@/lib/actions/define-action";
import { registerSpecimen, registerSpecimenSchema } from "@/lib/biobank/commands/register-specimen";
import { aliquotSchema, aliquotSpecimen } from "@/lib/biobank/commands/aliquot";
import { changeSpecimenStatus, changeStatusSchema } from "@/lib/biobank/commands/change-status";

export const registerSpecimenAction = defineAction({
  schema: registerSpecimenSchema,
  permission: "biobank.specimen.register",
  handler: registerSpecimen,
  revalidate: () => ["/biobank"],
  redirectTo: (d) => `/biobank/specimens/${d.barcode}?registered=1`,
});

export const aliquotAction = defineAction({
  schema: aliquotSchema,
  permission: "biobank.specimen.handle",
  handler: aliquotSpecimen,
  revalidate: (d) => [`/biobank/specimens/${d.parent}`],
});

export const changeStatusAction = defineAction({
  schema: changeStatusSchema,
  permission: "biobank.specimen.status",
  handler: changeSpecimenStatus,
  revalidate: () => ["/biobank"],
});
