import { getActor } from "@/lib/auth/actor";
import { exportDictionary } from "@/lib/crf/queries/dictionary";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { routeParam } from "@/lib/http/route-param";

export const dynamic = "force-dynamic";

/** The study's forms in force as a REDCap data dictionary CSV, for its designers. */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const study = await getStudyPage(actor, routeParam((await params).code));
  const out = study ? await exportDictionary(actor, study.id) : null;
  if (!out) return new Response(null, { status: 404 });
  // A byte-order mark so that spreadsheet programs read the Chinese labels as UTF-8.
  return new Response(`\uFEFF${out.csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${out.studyCode}_DataDictionary.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
