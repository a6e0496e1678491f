import { getActor } from "@/lib/auth/actor";
import { parseDashboardParams } from "@/lib/metrics/params";
import { getDashboard } from "@/lib/metrics/queries/dashboard";

export const dynamic = "force-dynamic";

/** The dashboard's figures for live refresh: the same read (permission and scope) as the page. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const url = new URL(request.url);
  const data = await getDashboard(actor, parseDashboardParams(Object.fromEntries(url.searchParams)));
  if (!data) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(data, { headers: { "Cache-Control": "private, no-store" } });
}
