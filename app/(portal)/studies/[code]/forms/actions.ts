"use server";

import { defineAction } from "@/lib/actions/define-action";
import { addEventCommand } from "@/lib/crf/commands/add-event";
import { addItemCommand } from "@/lib/crf/commands/add-item";
import { createFormCommand } from "@/lib/crf/commands/create-form";
import { importDictionaryCommand } from "@/lib/crf/commands/import-dictionary";
import { reorderItemsCommand } from "@/lib/crf/commands/reorder-items";
import { setEventFormsCommand } from "@/lib/crf/commands/set-event-forms";
import { syncScheduledEventsCommand } from "@/lib/crf/commands/sync-scheduled-events";
import { updateItemCommand } from "@/lib/crf/commands/update-item";

// The forms pages render per request (the actor's session) and the designer refreshes its route
// after each save (router.refresh()), so no path needs revalidating here.
export const createFormAction = defineAction(createFormCommand);
export const addItemAction = defineAction(addItemCommand);
export const updateItemAction = defineAction(updateItemCommand);
export const reorderItemsAction = defineAction(reorderItemsCommand);
export const importDictionaryAction = defineAction(importDictionaryCommand);
export const syncScheduledEventsAction = defineAction(syncScheduledEventsCommand);
export const addEventAction = defineAction(addEventCommand);
export const setEventFormsAction = defineAction(setEventFormsCommand);
