import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { coarseFilters, parseFilters } from "@/lib/biobank/filters";
import { searchSpecimens, specimenCounts } from "@/lib/biobank/queries/search";

export const dynamic = "force-dynamic";

/** The specimen search for react-query: rows only for roles that may see them, counts for all biobank readers. */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  if (!can(actor, "biobank.read")) return Response.json({ error: "forbidden" }, { status: 403 });
  const parsed = parseFilters(new URL(req.url).searchParams);
  if (!parsed.ok) return Response.json({ error: "invalid" }, { status: 400 });
  const withRows = can(actor, "biobank.specimens.read");
  const countFilters = withRows ? parsed.filters : coarseFilters(parsed.filters);
  const [result, counts] = await Promise.all([
    withRows ? searchSpecimens(actor, parsed.filters) : Promise.resolve(null),
    specimenCounts(actor, countFilters),
  ]);
  return Response.json({ rows: result?.rows ?? null, total: result?.total ?? counts.total, page: result?.page ?? 1, pages: result?.pages ?? 1, counts });
}
