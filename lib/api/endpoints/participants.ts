import { participantBySubject, participantCursorPage } from "@/lib/api/queries/participants";
import { badQuery, CODE_PARAM, decodeCursor, encodeCursor, json, notFoundProblem, pageLimit, pathParam, unknownQueryParam, withoutId, type RouteContext } from "@/lib/api/http";
import { studyOf, withCaller } from "@/lib/api/endpoints/run";
import type { ApiCaller } from "@/lib/api/authenticate";
import type { ApiStudy } from "@/lib/api/queries/studies";
import { participantFormGrid } from "@/lib/crf/queries/form-entry";
import { getParticipant } from "@/lib/participants/queries/participant-detail";

/** GET /api/v1/studies/{code}/participants?limit&cursor */
export async function listParticipantsEndpoint(request: Request, context: RouteContext<"code">): Promise<Response> {
  const { code } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    const url = new URL(request.url);
    const extra = unknownQueryParam(url, ["limit", "cursor"]);
    if (extra) return badQuery(request, caller.actor, extra);
    const limit = pageLimit(url.searchParams.get("limit"));
    if (limit === null) return badQuery(request, caller.actor, "limit");
    const after = decodeCursor(url.searchParams.get("cursor"));
    if (after === null) return badQuery(request, caller.actor, "cursor");
    const page = await participantCursorPage(caller.actor, study.id, after, limit);
    return json({
      data: page.rows.map(withoutId),
      nextCursor: page.nextAfter === null ? null : encodeCursor(page.nextAfter),
    });
  });
}

/** The participant named by the URL in the caller's participant scope (viewers: none), or the 404 Response. */
export async function participantOf(request: Request, caller: ApiCaller, study: ApiStudy, raw: string | string[] | undefined): Promise<{ id: number; subjectCode: string } | Response> {
  const subject = pathParam(raw, CODE_PARAM);
  if (subject === null) return notFoundProblem(request, caller.actor);
  const p = await participantBySubject(caller.actor, study.id, subject.toUpperCase());
  return p ?? notFoundProblem(request, caller.actor);
}

/** GET /api/v1/studies/{code}/participants/{subject} */
export async function getParticipantEndpoint(request: Request, context: RouteContext<"code" | "subject">): Promise<Response> {
  const { code, subject } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    const s = pathParam(subject, CODE_PARAM);
    const p = s === null ? null : await getParticipant(caller.actor, study.id, s.toUpperCase());
    if (!p) return notFoundProblem(request, caller.actor);
    return json({
      subjectCode: p.subjectCode,
      studyCode: p.studyCode,
      status: p.status,
      sex: p.sex,
      yearOfBirth: p.yearOfBirth,
      screenedOn: p.screenedOn,
      enrolledOn: p.enrolledOn,
      consentDate: p.consentDate,
      siteCode: p.centreCode,
      enrolSiteCode: p.enrolCentreCode,
      armCode: p.armCode,
      blinded: p.blinded,
      withdrawnOn: p.withdrawnOn,
      withdrawalReason: p.withdrawalReason,
    });
  });
}

/** GET /api/v1/studies/{code}/participants/{subject}/forms: the events × forms grid. */
export async function participantFormsEndpoint(request: Request, context: RouteContext<"code" | "subject">): Promise<Response> {
  const { code, subject } = await context.params;
  return withCaller(request, "read", async (caller) => {
    const study = await studyOf(request, caller, code);
    if (study instanceof Response) return study;
    const p = await participantOf(request, caller, study, subject);
    if (p instanceof Response) return p;
    const grid = await participantFormGrid(caller.actor, p.id);
    if (!grid) return notFoundProblem(request, caller.actor);
    return json({
      subjectCode: grid.participant.subjectCode,
      events: grid.events.map((e) => ({
        name: e.name,
        kind: e.kind,
        labelZh: e.label.zh,
        labelEn: e.label.en,
        forms: e.forms.map((f) => ({ name: f.name, labelZh: f.label.zh, labelEn: f.label.en, repeat: f.repeat, status: f.status, openQueries: f.openQueries })),
      })),
    });
  });
}
