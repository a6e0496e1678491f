import { getFormEndpoint, putFormEndpoint } from "@/lib/api/endpoints/forms";

export const dynamic = "force-dynamic";
export const GET = getFormEndpoint;
export const PUT = putFormEndpoint;
