import { getActor } from "@/lib/auth/actor";
import { DASHBOARD_PARTS, type DashboardPart } from "@/lib/metrics/dashboard-data";
import { parseDashboardParams } from "@/lib/metrics/params";
import { getDashboard, getDashboardAccrual, getDashboardBody } from "@/lib/metrics/queries/dashboard";

export const dynamic = "force-dynamic";

const PART_READS = { body: getDashboardBody, accrual: getDashboardAccrual } as const;

/**
 * The dashboard's figures for the live refresh: the same reads (permission and scope) as the
 * page's streamed blocks. `?part=body` answers the figures and short lists, `?part=accrual` the
 * chosen study's accrual; without it, the whole view. 404 for a view outside the actor's reach
 * (and for the accrual of no study).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const url = new URL(request.url);
  const params = parseDashboardParams(Object.fromEntries(url.searchParams));
  const part = url.searchParams.get("part");
  if (part !== null && !DASHBOARD_PARTS.includes(part as DashboardPart)) return Response.json({ error: "badPart" }, { status: 400 });
  const data = part === null ? await getDashboard(actor, params) : await PART_READS[part as DashboardPart](actor, params);
  if (!data) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(data, { headers: { "Cache-Control": "private, no-store" } });
}
