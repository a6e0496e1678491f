"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setBiomarkerCriteriaCommand } from "@/lib/molecular/commands/set-biomarker-criteria";
import { setArmsCommand } from "@/lib/studies/commands/set-arms";
import { setConsentsCommand } from "@/lib/studies/commands/set-consents";
import { setCriteriaCommand } from "@/lib/studies/commands/set-criteria";
import { setStratificationCommand } from "@/lib/studies/commands/set-stratification";
import { setTargetCommand } from "@/lib/studies/commands/set-target";

const pages = (d: { code: string }) => [`/studies/${d.code}`, `/studies/${d.code}/protocol`, `/studies/${d.code}/history`, "/studies"];

export const setArmsAction = defineAction(setArmsCommand, { revalidate: pages });
export const setStratificationAction = defineAction(setStratificationCommand, { revalidate: pages });
export const setCriteriaAction = defineAction(setCriteriaCommand, { revalidate: pages });
export const setConsentsAction = defineAction(setConsentsCommand, { revalidate: pages });
export const setTargetAction = defineAction(setTargetCommand, { revalidate: pages });
export const setBiomarkerCriteriaAction = defineAction(setBiomarkerCriteriaCommand, { revalidate: (d) => [...pages(d), `/studies/${d.code}/biomarker-matches`, "/molecular/matches"] });
