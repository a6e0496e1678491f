import { apiStudies } from "@/lib/api/queries/studies";
import { json, unknownQueryParam, badQuery, type RouteContext } from "@/lib/api/http";
import { studyOf, withCaller } from "@/lib/api/endpoints/run";
import { apiStudyEvents } from "@/lib/api/queries/crf-cells";
import { listStudySites } from "@/lib/studies/queries/sites";

/** GET /api/v1/studies */
export async function listStudiesEndpoint(request: Request): Promise<Response> {
  return withCaller(request, "read", async (caller) => {
    const extra = unknownQueryParam(new URL(request.url), []);
    if (extra) return badQuery(request, caller.actor, extra);
    const rows = await apiStudies(caller.actor, caller.token?.studyIds ?? null);
    return json({ data: rows });
  });
}

/** GET /api/v1/studies/{code} */
export async function getStudyEndpoint(request: Request, context: RouteContext<"code">): Promise<Response> {
  const { code } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    return json(study);
  });
}

/** GET /api/v1/studies/{code}/sites */
export async function listSitesEndpoint(request: Request, context: RouteContext<"code">): Promise<Response> {
  const { code } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    const sites = await listStudySites(caller.actor, study.id);
    return json({
      data: sites.map((s) => ({
        centreCode: s.centreCode,
        centreNameZh: s.centreNameZh,
        centreNameEn: s.centreNameEn,
        level: s.level,
        status: s.status,
        target: s.target,
        enrolled: s.enrolled,
        ethicsApprovalDate: s.ethicsApprovalDate,
      })),
    });
  });
}

/** GET /api/v1/studies/{code}/events */
export async function listEventsEndpoint(request: Request, context: RouteContext<"code">): Promise<Response> {
  const { code } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    return json({ data: await apiStudyEvents(caller.actor, study.id) });
  });
}
