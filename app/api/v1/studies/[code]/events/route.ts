import { listEventsEndpoint } from "@/lib/api/endpoints/studies";

export const dynamic = "force-dynamic";
export const GET = listEventsEndpoint;
