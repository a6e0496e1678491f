"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createDonor, createDonorSchema } from "@/lib/biobank/commands/create-donor";

export const createDonorAction = defineAction({
  schema: createDonorSchema,
  permission: "biobank.specimen.register",
  handler: createDonor,
  revalidate: () => ["/biobank/donors"],
});
