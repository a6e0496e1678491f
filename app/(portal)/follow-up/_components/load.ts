import "server-only";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { getFollowupParticipant } from "@/lib/followup/queries/followup";
import { routeParam } from "@/lib/http/route-param";

/** The actor and a participant in their follow-up scope, or the page answers 404. */
export async function loadParticipantPage(params: Promise<{ subject: string }>) {
  const actor = await getActor();
  if (!actor || !can(actor, "followup.read")) notFound();
  const { subject } = await params;
  const participant = await getFollowupParticipant(actor, routeParam(subject));
  if (!participant) notFound();
  return { actor, participant };
}
