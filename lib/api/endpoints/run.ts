import { authenticateApiRequest, type ApiCaller } from "@/lib/api/authenticate";
import { apiLocale, apiText } from "@/lib/api/locale";
import { problem } from "@/lib/api/problem";
import { apiStudy, type ApiStudy } from "@/lib/api/queries/studies";
import { tokenAllowsStudy } from "@/lib/api/study-filter";
import { CODE_PARAM, notFoundProblem, pathParam } from "@/lib/api/http";

/**
 * Every endpoint's frame: authenticate (a Response when refused), then the work; an unexpected
 * error is logged and answered with a bare 500 problem (never a stack or SQL text).
 */
export async function withCaller(request: Request, need: "read" | "write", work: (caller: ApiCaller) => Promise<Response>): Promise<Response> {
  const caller = await authenticateApiRequest(request, need);
  if (caller instanceof Response) return caller;
  try {
    return await work(caller);
  } catch (err) {
    console.error(`[api ${request.method} ${new URL(request.url).pathname}] failed`, err);
    return problem(500, apiText(apiLocale(request, caller.actor), "api.problem.unexpected"));
  }
}

/** The study named by the URL, in the caller's scope and the token's studies; otherwise the 404 Response. */
export async function studyOf(request: Request, caller: ApiCaller, raw: string | string[] | undefined): Promise<ApiStudy | Response> {
  const code = pathParam(raw, CODE_PARAM);
  if (code === null) return notFoundProblem(request, caller.actor);
  const study = await apiStudy(caller.actor, code, caller.token?.studyIds ?? null);
  if (!study || !tokenAllowsStudy(caller, study.id)) return notFoundProblem(request, caller.actor);
  return study;
}
