import { getActor } from "@/lib/auth/actor";
import { checkDictionary } from "@/lib/crf/queries/dictionary";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { routeParam } from "@/lib/http/route-param";

export const dynamic = "force-dynamic";

/** At most a few MB of JSON rows: a 3000-field dictionary is far smaller. */
const MAX_BODY = 8 * 1024 * 1024;

/**
 * The dry run of a dictionary import: the rows the browser parsed from the CSV, checked again
 * cell by cell and against the study's forms. Reads only (the import is a server action).
 */
export async function POST(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return Response.json({ error: "notFound" }, { status: 404 });
  const text = await req.text();
  if (text.length > MAX_BODY) return Response.json({ error: "tooLarge" }, { status: 413 });
  let rows: unknown;
  try {
    rows = (JSON.parse(text) as { rows?: unknown }).rows;
  } catch {
    return Response.json({ error: "invalid" }, { status: 400 });
  }
  const result = await checkDictionary(actor, study.id, rows);
  if (!result) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(result);
}
