import { getActor } from "@/lib/auth/actor";
import { checkRecordsImport } from "@/lib/exchange/queries/records-import";
import { IMPORT_LIMITS } from "@/lib/exchange/records-import/parse";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { routeParam } from "@/lib/http/route-param";

export const dynamic = "force-dynamic";

/** The files' lines as JSON: a form file and its group files of at most IMPORT_LIMITS.bytes each, plus quoting. */
const MAX_BODY = IMPORT_LIMITS.bytes * 2 + 1024 * 1024;

/**
 * The dry run of a records import: the lines the browser read from the files, checked exactly
 * as the import checks them. Reads only (the import is a server action).
 */
export async function POST(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return Response.json({ error: "notFound" }, { status: 404 });
  const text = await req.text();
  if (text.length > MAX_BODY) return Response.json({ error: "tooLarge" }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: "invalid" }, { status: 400 });
  }
  const input = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>), studyId: study.id } : body;
  const result = await checkRecordsImport(actor, input);
  if (!result) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(result);
}
