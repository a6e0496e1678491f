import { executeCommand } from "@/lib/actions/define-action";
import { getActor } from "@/lib/auth/actor";
import { odmExportMetadataCommand } from "@/lib/exchange/commands/odm-export-metadata";
import { odmMetadata } from "@/lib/exchange/queries/odm-metadata";
import { routeParam } from "@/lib/http/route-param";
import { getStudyPage } from "@/lib/studies/queries/studies";

export const dynamic = "force-dynamic";

/** The study's metadata as a CDISC ODM 1.3.2 file, for whoever sees its form definitions; the export is audited first. */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return new Response(null, { status: 404 });
  const audited = await executeCommand(odmExportMetadataCommand, { studyId: study.id });
  if (!audited.ok) return new Response(null, { status: 404 });
  const out = await odmMetadata(actor, study.id, new Date());
  if (!out) return new Response(null, { status: 404 });
  return new Response(out.xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${out.studyCode}_ODM_metadata.xml"`,
      "Cache-Control": "no-store",
    },
  });
}
