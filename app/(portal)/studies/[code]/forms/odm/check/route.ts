import { getActor } from "@/lib/auth/actor";
import { checkOdmImport } from "@/lib/exchange/queries/odm-import";
import { odmLines } from "@/lib/exchange/odm/fields";
import { MAX_ODM_BYTES } from "@/lib/exchange/odm/read-metadata";
import { routeParam } from "@/lib/http/route-param";
import { getStudyPage } from "@/lib/studies/queries/studies";

export const dynamic = "force-dynamic";

/** The dry run of an ODM import: the file's text as the body, every problem by line and element. Reads only (the import is a server action). */
export async function POST(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return Response.json({ error: "notFound" }, { status: 404 });
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_ODM_BYTES) return Response.json({ error: "tooLarge" }, { status: 413 });
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > MAX_ODM_BYTES) return Response.json({ error: "tooLarge" }, { status: 413 });
  const result = await checkOdmImport(actor, study.id, odmLines(text));
  if (!result) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(result);
}
