import { PassThrough, Readable } from "node:stream";
import { executeCommand } from "@/lib/actions/define-action";
import { getActor } from "@/lib/auth/actor";
import { recordExportCommand } from "@/lib/exchange/commands/record-export";
import { exportOptionsFromSearch } from "@/lib/exchange/export/options";
import { writeAnalysisExport } from "@/lib/exchange/export/write";
import { routeParam } from "@/lib/http/route-param";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { networkToday } from "@/lib/time/network-day";

export const dynamic = "force-dynamic";

/**
 * The analysis export of a study as a zip, streamed as it is read (lib/exchange/export/write.ts).
 * The export is recorded first (the audit event with the options); a refusal answers the
 * translated reason and streams nothing.
 */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) return new Response(null, { status: 404 });
  const recorded = await executeCommand(recordExportCommand, exportOptionsFromSearch(new URL(req.url).searchParams, study.id));
  if (!recorded.ok) {
    const fields = Object.entries(recorded.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
    return new Response([recorded.message, ...fields].join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const out = new PassThrough();
  writeAnalysisExport(actor, recorded.data.options, out).catch((err: unknown) => {
    console.error(`[export ${study.code}] failed`, err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${recorded.data.studyCode}_analysis_${networkToday()}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
