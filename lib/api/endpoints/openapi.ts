import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json: public (it describes the API, it holds no data). */
export async function openApiEndpoint(): Promise<Response> {
  return new Response(JSON.stringify(openApiDocument()), { status: 200, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" } });
}
