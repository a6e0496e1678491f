import { authenticateApiRequest } from "@/lib/api/authenticate";
import { searchStudyBundle } from "@/lib/fhir/endpoints/study-bundle";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** A searchset of a study, a page of its subjects and their specimens (Bundle?study=<code>). */
export async function GET(request: Request) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return searchStudyBundle(request, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
