"use server";

import { defineAction } from "@/lib/actions/define-action";
import { importRecordsCommand } from "@/lib/exchange/commands/import-records";

// The page renders per request and the panel refreshes its route after an import.
export const importRecordsAction = defineAction(importRecordsCommand);
