import { authenticateApiRequest } from "@/lib/api/authenticate";
import { searchResearchStudy } from "@/lib/fhir/endpoints/research-study";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** FHIR R4 ResearchStudy search: the studies the caller sees (token allow-list applied). */
export async function GET(request: Request) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return searchResearchStudy(request, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
