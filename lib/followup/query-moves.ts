import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataQueries, participants, queryEvents, type QueryStatus } from "@/db/schema";
import { ActionError, notFound } from "@/lib/actions/errors";
import type { AuditInput } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { mayRaiseQueries } from "@/lib/followup/scope";
import { noticeQueryRaised } from "@/lib/followup/query-notices";

type MoveActor = Pick<Actor, "id" | "role" | "centreId" | "centrePath">;

/** The query, when the actor raised it and may still raise queries on its study, locked. */
async function lockOwnQuery(tx: Db, actor: MoveActor, queryId: number) {
  const [q] = await tx
    .select()
    .from(dataQueries)
    .where(and(eq(dataQueries.id, queryId), eq(dataQueries.raisedBy, actor.id), mayRaiseQueries(actor, dataQueries.studyId.getSQL())))
    .for("update");
  if (!q) throw notFound();
  const [p] = await tx.select({ centreId: participants.centreId }).from(participants).where(eq(participants.id, q.participantId));
  return { ...q, centreId: p.centreId };
}

/**
 * The raiser moves a query between states (close: answered or open to closed; re-open:
 * answered or closed to open), with a note in its thread and an audit event.
 */
export async function moveQuery(
  tx: Db,
  actor: MoveActor,
  audit: (e: AuditInput) => void,
  move: { queryId: number; note: string | null; from: QueryStatus[]; to: QueryStatus; kind: "closed" | "reopened" },
) {
  const q = await lockOwnQuery(tx, actor, move.queryId);
  if (!move.from.includes(q.status)) throw new ActionError(move.to === "closed" ? "followup.errors.queryClosed" : "followup.errors.queryNotClosable");
  const now = new Date();
  await tx
    .update(dataQueries)
    .set({ status: move.to, closedAt: move.to === "closed" ? now : null, answeredAt: move.to === "open" ? null : q.answeredAt, updatedAt: now })
    .where(eq(dataQueries.id, q.id));
  const [event] = await tx.insert(queryEvents).values({ queryId: q.id, kind: move.kind, body: move.note ?? "", authorId: actor.id }).returning({ id: queryEvents.id });
  // Re-opened, it waits for the site's answer again.
  if (move.kind === "reopened") await noticeQueryRaised(tx, actor, q, event.id, "query_reopened");
  audit({
    action: `query.${move.kind}`,
    entityType: "query",
    entityId: q.id,
    centreId: q.centreId,
    studyId: q.studyId,
    before: { status: q.status },
    after: { status: move.to, note: move.note },
  });
  return { id: q.id, status: move.to };
}
