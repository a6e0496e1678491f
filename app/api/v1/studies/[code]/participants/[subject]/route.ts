import { getParticipantEndpoint } from "@/lib/api/endpoints/participants";

export const dynamic = "force-dynamic";
export const GET = getParticipantEndpoint;
