import { executeCommand } from "@/lib/actions/define-action";
import { getActor } from "@/lib/auth/actor";
import { odmExportClinicalCommand } from "@/lib/exchange/commands/odm-export-clinical";
import { odmClinical } from "@/lib/exchange/queries/odm-clinical";
import { routeParam } from "@/lib/http/route-param";
import { getStudyPage } from "@/lib/studies/queries/studies";

export const dynamic = "force-dynamic";

/**
 * The study's form data as a CDISC ODM 1.3.2 clinical data file, streamed subject by subject:
 * the participants the actor sees on the participant pages, optionally one site (`?site=<centre
 * id>`; a malformed one is 404). The export is audited (who, study, site, subjects) before the
 * first byte.
 */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return new Response(null, { status: 404 });
  const site = new URL(req.url).searchParams.get("site");
  if (site !== null && site !== "" && !/^\d{1,10}$/.test(site)) return new Response(null, { status: 404 });
  const centreId = site ? Number(site) : null;
  const audited = await executeCommand(odmExportClinicalCommand, { studyId: study.id, centreId });
  if (!audited.ok) return new Response(null, { status: 404 });
  const out = await odmClinical(actor, study.id, { centreIds: centreId === null ? [] : [centreId] }, new Date());
  if (!out) return new Response(null, { status: 404 });
  const encoder = new TextEncoder();
  const chunks = out.chunks;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${out.studyCode}_ODM_clinical.xml"`,
      "Cache-Control": "no-store",
    },
  });
}
