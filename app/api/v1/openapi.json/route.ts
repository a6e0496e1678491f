import { openApiEndpoint } from "@/lib/api/endpoints/openapi";

export const dynamic = "force-dynamic";
export const GET = openApiEndpoint;
