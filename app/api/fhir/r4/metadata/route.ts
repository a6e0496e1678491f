import { metadataEndpoint } from "@/lib/fhir/endpoints/metadata";

export const dynamic = "force-dynamic";

/** The CapabilityStatement: names no data, so it needs no token. */
export function GET(request: Request) {
  return metadataEndpoint(request);
}
