"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createDonorCommand } from "@/lib/biobank/commands/create-donor";

export const createDonorAction = defineAction(createDonorCommand, { revalidate: () => ["/biobank/donors"] });
