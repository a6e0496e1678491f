import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { dataQueries, participants, queryEvents, type QueryStatus } from "@/db/schema";
import type { ActionContext } from "@/lib/actions/define-action";
import { ActionError, notFound } from "@/lib/actions/errors";
import { idField } from "@/lib/followup/fields";
import { mayRaiseQueries } from "@/lib/followup/scope";

const note = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(2000).optional());

export const closeQuerySchema = z.strictObject({ queryId: idField, note });
export const reopenQuerySchema = z.strictObject({ queryId: idField, note: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(2000) });

/** The query's raiser, still allowed to raise queries on its study, and the query locked. */
async function lockOwnQuery(tx: ActionContext<unknown>["tx"], actor: ActionContext<unknown>["actor"], queryId: number) {
  const [q] = await tx
    .select()
    .from(dataQueries)
    .where(and(eq(dataQueries.id, queryId), eq(dataQueries.raisedBy, actor.id), mayRaiseQueries(actor, dataQueries.studyId.getSQL())))
    .for("update");
  if (!q) throw notFound();
  const [p] = await tx.select({ centreId: participants.centreId }).from(participants).where(eq(participants.id, q.participantId));
  return { ...q, centreId: p.centreId };
}

async function move(ctx: ActionContext<{ queryId: number; note?: string }>, from: QueryStatus[], to: QueryStatus, kind: "closed" | "reopened") {
  const { actor, input, tx, audit } = ctx;
  const q = await lockOwnQuery(tx, actor, input.queryId);
  if (!from.includes(q.status)) throw new ActionError(to === "closed" ? "followup.errors.queryClosed" : "followup.errors.queryNotClosable");
  const now = new Date();
  await tx
    .update(dataQueries)
    .set({ status: to, closedAt: to === "closed" ? now : null, answeredAt: to === "open" ? null : q.answeredAt, updatedAt: now })
    .where(eq(dataQueries.id, q.id));
  await tx.insert(queryEvents).values({ queryId: q.id, kind, body: input.note ?? "", authorId: actor.id });
  audit({ action: `query.${kind}`, entityType: "query", entityId: q.id, centreId: q.centreId, studyId: q.studyId, before: { status: q.status }, after: { status: to, note: input.note ?? null } });
  return { id: q.id, status: to };
}

/** The raiser closes a query (answered, or open if raised in error). */
export function closeQuery(ctx: ActionContext<z.infer<typeof closeQuerySchema>>) {
  return move(ctx, ["open", "answered"], "closed", "closed");
}

/** The raiser re-opens an answered or closed query, saying why. */
export function reopenQuery(ctx: ActionContext<z.infer<typeof reopenQuerySchema>>) {
  return move(ctx, ["answered", "closed"], "open", "reopened");
}
