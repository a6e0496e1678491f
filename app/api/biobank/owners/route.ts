import { z } from "zod";
import { getActor } from "@/lib/auth/actor";
import { personCodeField } from "@/lib/biobank/fields";
import { registrationOwner } from "@/lib/biobank/queries/owners";

export const dynamic = "force-dynamic";

const paramsSchema = z.strictObject({ kind: z.enum(["subject", "donor"]), code: personCodeField });

/**
 * The registration form's look-up (react-query): the participant or donor a specimen would be
 * registered for at the caller's centre, with the consent their record holds.
 */
export async function GET(req: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const sp = new URL(req.url).searchParams;
  const parsed = paramsSchema.safeParse({ kind: sp.get("kind") ?? undefined, code: sp.get("code") ?? undefined });
  if (!parsed.success) return Response.json({ error: "invalid" }, { status: 400 });
  // The read door answers null both for "no such owner here" and for a caller who may not register.
  const owner = await registrationOwner(actor, parsed.data.kind, parsed.data.code);
  if (!owner) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json(owner);
}
