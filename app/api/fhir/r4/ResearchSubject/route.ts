import { authenticateApiRequest } from "@/lib/api/authenticate";
import { searchResearchSubject } from "@/lib/fhir/endpoints/research-subject";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** FHIR R4 ResearchSubject search (study, identifier, _include=ResearchSubject:study), paged. */
export async function GET(request: Request) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return searchResearchSubject(request, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
