import { listParticipantsEndpoint } from "@/lib/api/endpoints/participants";

export const dynamic = "force-dynamic";
export const GET = listParticipantsEndpoint;
