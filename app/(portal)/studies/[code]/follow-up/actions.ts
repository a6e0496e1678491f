"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setVisitSchedule, setVisitScheduleSchema } from "@/lib/followup/commands/set-visit-schedule";

export const setVisitScheduleAction = defineAction({
  schema: setVisitScheduleSchema,
  permission: "study.manage",
  handler: setVisitSchedule,
  revalidate: (d) => [`/studies/${d.code}/follow-up`, `/studies/${d.code}/history`],
});
