import { authenticateApiRequest } from "@/lib/api/authenticate";
import { searchSpecimen } from "@/lib/fhir/endpoints/specimen";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** FHIR R4 Specimen search (study, identifier), paged. */
export async function GET(request: Request) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return searchSpecimen(request, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
