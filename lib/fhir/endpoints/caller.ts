import type { FhirCaller } from "@/lib/fhir/allow-list";
import type { ReadActor } from "@/lib/reads/define-query";

/** What an endpoint is handed by its route: the user loaded for this request and the token's allow-list. */
export type EndpointCaller = FhirCaller<ReadActor>;
