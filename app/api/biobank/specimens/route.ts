import { getActor } from "@/lib/auth/actor";
import { parseFilters } from "@/lib/biobank/filters";
import { specimenSearch } from "@/lib/biobank/queries/search";

export const dynamic = "force-dynamic";

/** The specimen search for react-query: rows only for roles that may see them, counts for all biobank readers. */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const parsed = parseFilters(new URL(req.url).searchParams);
  if (!parsed.ok) return Response.json({ error: "invalid" }, { status: 400 });
  // The read door decides: null for an actor who may not read the biobank at all.
  const result = await specimenSearch(actor, parsed.filters);
  if (!result) return Response.json({ error: "forbidden" }, { status: 403 });
  return Response.json(result);
}
