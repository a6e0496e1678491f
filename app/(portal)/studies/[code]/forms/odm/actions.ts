"use server";

import { defineAction } from "@/lib/actions/define-action";
import { importOdmCommand } from "@/lib/exchange/commands/import-odm";

// The ODM page refreshes its route after an import (router.refresh()): nothing to revalidate.
export const importOdmAction = defineAction(importOdmCommand);
