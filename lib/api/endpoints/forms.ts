import { executeCommandAs } from "@/lib/actions/define-action";
import { commandProblem, json, jsonBody, NAME_PARAM, notFoundProblem, pathParam, badQuery, unknownQueryParam, type RouteContext } from "@/lib/api/http";
import { apiLocale, apiText } from "@/lib/api/locale";
import { problem } from "@/lib/api/problem";
import { eventFormByName } from "@/lib/api/queries/crf-cells";
import { participantOf } from "@/lib/api/endpoints/participants";
import { studyOf, withCaller } from "@/lib/api/endpoints/run";
import type { ApiCaller } from "@/lib/api/authenticate";
import { saveFormCommand } from "@/lib/crf/commands/save-form";
import { formEntry, type FormEntry } from "@/lib/crf/queries/form-entry";

type FormParams = "code" | "subject" | "event" | "form";

/** `?repeat=n` (1 … 200, default 1), or null when malformed. */
function repeatOf(url: URL): number | null {
  const raw = url.searchParams.get("repeat");
  if (raw === null) return 1;
  if (!/^\d{1,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 200 ? n : null;
}

type Cell = { participantId: number; subjectCode: string; eventId: number; formId: number; repeat: number };

/** Study, participant, event and form of the URL in the caller's scope, or the Response (404 for anything not found or not theirs, 400 for a bad query). */
async function cellOf(request: Request, caller: ApiCaller, params: Record<FormParams, string | string[] | undefined>): Promise<Cell | Response> {
  const study = await studyOf(request, caller, params.code);
  if (study instanceof Response) return study;
  const eventName = pathParam(params.event, NAME_PARAM);
  const formName = pathParam(params.form, NAME_PARAM);
  if (eventName === null || formName === null) return notFoundProblem(request, caller.actor);
  const url = new URL(request.url);
  const extra = unknownQueryParam(url, ["repeat"]);
  if (extra) return badQuery(request, caller.actor, extra);
  const repeat = repeatOf(url);
  if (repeat === null) return badQuery(request, caller.actor, "repeat");
  const p = await participantOf(request, caller, study, params.subject);
  if (p instanceof Response) return p;
  const ids = await eventFormByName(caller.actor, study.id, eventName, formName);
  if (!ids) return notFoundProblem(request, caller.actor);
  return { participantId: p.id, subjectCode: p.subjectCode, ...ids, repeat };
}

function entryBody(entry: FormEntry, repeat: number) {
  const inst = entry.instance;
  return {
    subjectCode: entry.participant.subjectCode,
    event: entry.event.name,
    form: entry.form.name,
    repeat,
    formVersionId: entry.form.formVersionId,
    formVersion: entry.form.version,
    status: inst ? inst.status : "not_started",
    version: inst ? inst.version : 0,
    updatedAt: inst ? inst.updatedAt : null,
    values: inst ? inst.values : {},
    missing: inst ? inst.missing : {},
    items: entry.form.items.map((i) => ({ name: i.name, type: i.type })),
    canEdit: entry.canEdit,
  };
}

/** GET …/participants/{subject}/events/{event}/forms/{form}?repeat=n */
export async function getFormEndpoint(request: Request, context: RouteContext<FormParams>): Promise<Response> {
  const params = await context.params;
  return withCaller(request, "read", async (caller) => {
    const cell = await cellOf(request, caller, params);
    if (cell instanceof Response) return cell;
    const entry = await formEntry(caller.actor, cell);
    if (!entry) return notFoundProblem(request, caller.actor);
    return json(entryBody(entry, cell.repeat));
  });
}

/** Fields of the body passed to the save command; the cell itself comes from the URL only. */
const BODY_FIELDS = ["formVersionId", "expectedVersion", "values", "missing", "complete", "reason", "confirmedSoft", "requestKey"];

/**
 * PUT …/participants/{subject}/events/{event}/forms/{form}?repeat=n: saves the form through the
 * same command and pipeline as the form page (lib/crf/commands/save-form.ts), as the token's
 * person; refusals as problem+json with the same field messages.
 */
export async function putFormEndpoint(request: Request, context: RouteContext<FormParams>): Promise<Response> {
  const params = await context.params;
  return withCaller(request, "write", async (caller) => {
    const locale = apiLocale(request, caller.actor);
    const body = await jsonBody(request);
    if (!body) return problem(400, apiText(locale, "api.problem.badRequest"), apiText(locale, "api.problem.invalidBody"));
    const cell = await cellOf(request, caller, params);
    if (cell instanceof Response) return cell;
    const unknown = Object.keys(body).filter((k) => !BODY_FIELDS.includes(k));
    if (unknown.length) {
      return problem(422, apiText(locale, "api.problem.validation"), apiText(locale, "errors.validation"), {
        errors: { _form: [apiText(locale, "validation.unknownField", { keys: unknown.join(", ") })] },
      });
    }
    let formVersionId = body.formVersionId;
    if (formVersionId === undefined) {
      // Not given: the version the instance keeps, or the one in force for a new instance (as the form page sends it).
      const entry = await formEntry(caller.actor, cell);
      if (!entry) return notFoundProblem(request, caller.actor);
      formVersionId = entry.form.formVersionId;
    }
    const input = {
      ...body,
      formVersionId,
      participantId: cell.participantId,
      eventId: cell.eventId,
      formId: cell.formId,
      repeat: cell.repeat,
      complete: body.complete ?? false,
    };
    const result = await executeCommandAs(caller.actor, saveFormCommand, input, { locale });
    if (!result.ok) return commandProblem(result, locale);
    const d = result.data;
    return json({ instanceId: d.instanceId, version: d.version, status: d.status, raisedQueries: d.raisedQueries, replayed: result.replayed === true });
  });
}
