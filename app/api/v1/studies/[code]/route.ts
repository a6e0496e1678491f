import { getStudyEndpoint } from "@/lib/api/endpoints/studies";

export const dynamic = "force-dynamic";
export const GET = getStudyEndpoint;
