import { apiSpecimenByBarcode, specimenCursorPage } from "@/lib/api/queries/specimens";
import { badQuery, CODE_PARAM, decodeCursor, encodeCursor, json, notFoundProblem, pageLimit, pathParam, unknownQueryParam, withoutId, type RouteContext } from "@/lib/api/http";
import { studyOf, withCaller } from "@/lib/api/endpoints/run";

/** GET /api/v1/specimens?study&limit&cursor: the biobank scope (and the token's studies). */
export async function listSpecimensEndpoint(request: Request): Promise<Response> {
  return withCaller(request, "read", async (caller) => {
    const url = new URL(request.url);
    const extra = unknownQueryParam(url, ["study", "limit", "cursor"]);
    if (extra) return badQuery(request, caller.actor, extra);
    const limit = pageLimit(url.searchParams.get("limit"));
    if (limit === null) return badQuery(request, caller.actor, "limit");
    const after = decodeCursor(url.searchParams.get("cursor"));
    if (after === null) return badQuery(request, caller.actor, "cursor");
    let studyId: number | null = null;
    const studyCode = url.searchParams.get("study");
    if (studyCode !== null) {
      const study = await studyOf(request, caller, studyCode);
      if (study instanceof Response) return study;
      studyId = study.id;
    }
    const page = await specimenCursorPage(caller.actor, { studyId, tokenStudyIds: caller.token?.studyIds ?? null }, after, limit);
    return json({ data: page.rows.map(withoutId), nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter) });
  });
}

/** GET /api/v1/specimens/{barcode} */
export async function getSpecimenEndpoint(request: Request, context: RouteContext<"barcode">): Promise<Response> {
  const { barcode } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const code = pathParam(barcode, CODE_PARAM);
    if (code === null) return notFoundProblem(request, caller.actor);
    const s = await apiSpecimenByBarcode(caller.actor, code, caller.token?.studyIds ?? null);
    if (!s) return notFoundProblem(request, caller.actor);
    return json(withoutId(s));
  });
}
