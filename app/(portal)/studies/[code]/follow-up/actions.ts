"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setVisitScheduleCommand } from "@/lib/studies/commands/set-visit-schedule";

export const setVisitScheduleAction = defineAction(setVisitScheduleCommand, {
  revalidate: (d) => [`/studies/${d.code}/follow-up`, `/studies/${d.code}/history`],
});
