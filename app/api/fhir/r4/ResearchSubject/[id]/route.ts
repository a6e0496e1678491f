import { authenticateApiRequest } from "@/lib/api/authenticate";
import { readResearchSubject } from "@/lib/fhir/endpoints/research-subject";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** FHIR R4 ResearchSubject read by pseudonymous subject code; 404 outside the caller's scope. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return readResearchSubject(request, await params, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
