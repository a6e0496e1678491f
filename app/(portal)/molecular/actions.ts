"use server";

import { defineAction } from "@/lib/actions/define-action";
import { failOrderCommand } from "@/lib/molecular/commands/fail-order";
import { receiveOrderCommand } from "@/lib/molecular/commands/receive-order";
import { reportOrderCommand } from "@/lib/molecular/commands/report-order";
import { startAnalysisCommand } from "@/lib/molecular/commands/start-analysis";

const orderPaths = (d: { id: number }) => [`/molecular/${d.id}`, "/molecular"];

export const receiveOrderAction = defineAction(receiveOrderCommand, { revalidate: orderPaths });
export const startAnalysisAction = defineAction(startAnalysisCommand, { revalidate: orderPaths });
export const reportOrderAction = defineAction(reportOrderCommand, { revalidate: orderPaths });
export const failOrderAction = defineAction(failOrderCommand, { revalidate: orderPaths });
