"use server";

import { defineAction } from "@/lib/actions/define-action";
import { exportResultsCommand } from "@/lib/molecular/commands/export-results";
import { failOrderCommand } from "@/lib/molecular/commands/fail-order";
import { importResultsCommand } from "@/lib/molecular/commands/import-results";
import { orderTestCommand } from "@/lib/molecular/commands/order-test";
import { receiveOrderCommand } from "@/lib/molecular/commands/receive-order";
import { reportOrderCommand } from "@/lib/molecular/commands/report-order";
import { startAnalysisCommand } from "@/lib/molecular/commands/start-analysis";

const orderPaths = (d: { id: number }) => [`/molecular/${d.id}`, "/molecular"];

export const orderTestAction = defineAction(orderTestCommand, { revalidate: orderPaths, redirectTo: (d) => `/molecular/${d.id}` });
export const receiveOrderAction = defineAction(receiveOrderCommand, { revalidate: orderPaths });
export const startAnalysisAction = defineAction(startAnalysisCommand, { revalidate: orderPaths });
export const reportOrderAction = defineAction(reportOrderCommand, { revalidate: orderPaths });
export const failOrderAction = defineAction(failOrderCommand, { revalidate: orderPaths });
// A dry run changes nothing a page shows; an import changes the report.
export const importResultsAction = defineAction(importResultsCommand, { revalidate: () => ["/molecular"] });
export const exportResultsAction = defineAction(exportResultsCommand);
