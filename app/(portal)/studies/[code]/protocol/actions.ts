"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setArms, setArmsSchema } from "@/lib/studies/commands/set-arms";
import { setConsents, setConsentsSchema } from "@/lib/studies/commands/set-consents";
import { setCriteria, setCriteriaSchema } from "@/lib/studies/commands/set-criteria";
import { setStratification, setStratificationSchema } from "@/lib/studies/commands/set-stratification";
import { setTarget, setTargetSchema } from "@/lib/studies/commands/set-target";

const pages = (d: { code: string }) => [`/studies/${d.code}`, `/studies/${d.code}/protocol`, `/studies/${d.code}/history`, "/studies"];

export const setArmsAction = defineAction({ schema: setArmsSchema, permission: "study.manage", handler: setArms, revalidate: pages });
export const setStratificationAction = defineAction({ schema: setStratificationSchema, permission: "study.manage", handler: setStratification, revalidate: pages });
export const setCriteriaAction = defineAction({ schema: setCriteriaSchema, permission: "study.manage", handler: setCriteria, revalidate: pages });
export const setConsentsAction = defineAction({ schema: setConsentsSchema, permission: "study.manage", handler: setConsents, revalidate: pages });
export const setTargetAction = defineAction({ schema: setTargetSchema, permission: "study.manage", handler: setTarget, revalidate: pages });
