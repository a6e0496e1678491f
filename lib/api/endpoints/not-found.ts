import { notFoundProblem } from "@/lib/api/http";

/** Any other path under /api/v1: a problem+json 404, as for a record outside the caller's scope. */
export async function unknownPathEndpoint(request: Request): Promise<Response> {
  return notFoundProblem(request, null);
}
