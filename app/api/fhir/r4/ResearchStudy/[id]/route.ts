import { authenticateApiRequest } from "@/lib/api/authenticate";
import { readResearchStudy } from "@/lib/fhir/endpoints/research-study";
import { fhirRefusal } from "@/lib/fhir/response";

export const dynamic = "force-dynamic";

/** FHIR R4 ResearchStudy read by study code; 404 outside the caller's scope. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await authenticateApiRequest(request, "read");
  if (caller instanceof Response) return fhirRefusal(caller);
  return readResearchStudy(request, await params, { actor: caller.actor, studyIds: caller.token?.studyIds ?? null });
}
