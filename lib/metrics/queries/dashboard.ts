import "server-only";
import { getDb, type Db } from "@/db/client";
import { loadDashboard, type DashboardData } from "@/lib/metrics/dashboard-data";
import type { DashboardParams } from "@/lib/metrics/params";
import type { DashboardActor } from "@/lib/metrics/scope";

export type { DashboardData, FlaggedSite, ReasonRow, StudyRow } from "@/lib/metrics/dashboard-data";

/**
 * The dashboard of a node (and optionally a study) over a period, within the actor's reach;
 * null when the centre or study asked for is outside it (the page and route answer 404).
 */
export async function getDashboard(actor: DashboardActor, params: DashboardParams, db?: Db): Promise<DashboardData | null> {
  return loadDashboard(db ?? (await getDb()), actor, params);
}
