import { getActor } from "@/lib/auth/actor";
import { ctcaeTermByCode, searchCtcaeTerms } from "@/lib/followup/queries/ctcae-terms";

export const dynamic = "force-dynamic";

/**
 * The AE form's CTCAE v5.0 picker: `?q=` searches (words, or a MedDRA code), `?code=` reads one
 * term. Signed-in users who record or read AEs; anyone else gets an empty answer.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const url = new URL(request.url);
  const code = url.searchParams.get("code");
  const headers = { "Cache-Control": "private, max-age=3600" };
  if (code !== null) {
    const term = /^\d{8}$/.test(code) ? await ctcaeTermByCode(actor, Number(code)) : null;
    return term ? Response.json({ terms: [term] }, { headers }) : Response.json({ terms: [] }, { status: 404, headers });
  }
  const q = url.searchParams.get("q") ?? "";
  return Response.json({ terms: await searchCtcaeTerms(actor, q) }, { headers });
}
