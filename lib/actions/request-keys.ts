import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { commandRequests } from "@/db/schema";
import { canonicalJson } from "@/lib/audit/canonical";

/** The unique key a concurrent identical request runs into (db/schema/requests.ts). */
export const REQUEST_KEY_CONSTRAINT = "command_requests_user_command_key_uq";

export type KeyedRequest = { userId: number; command: string; key: string; inputHash: string };

/** What a key seen before means: the same request again (its stored result), or the key reused for another input. */
export type PriorRequest = { kind: "replay"; result: unknown } | { kind: "conflict" };

/** A validated input without its request key: what a handler passes on as the record's values. */
export function omitRequestKey<T extends { requestKey?: unknown }>(input: T): Omit<T, "requestKey"> {
  const rest: Partial<T> = { ...input };
  delete rest.requestKey;
  return rest as Omit<T, "requestKey">;
}

/** SHA-256 over the validated input as canonical JSON: key order and whitespace the schema trims cannot change it. */
export function inputHash(input: unknown): string {
  return createHash("sha256").update(canonicalJson(input), "utf8").digest("hex");
}

export function keyedRequest(userId: number, command: string, key: string, input: unknown): KeyedRequest {
  return { userId, command, key, inputHash: inputHash(input) };
}

/** The committed request with this user, command and key, if any. */
export async function priorRequest(db: Db, r: KeyedRequest): Promise<PriorRequest | null> {
  const [row] = await db
    .select({ inputHash: commandRequests.inputHash, result: commandRequests.result })
    .from(commandRequests)
    .where(and(eq(commandRequests.userId, r.userId), eq(commandRequests.command, r.command), eq(commandRequests.requestKey, r.key)));
  if (!row) return null;
  return row.inputHash === r.inputHash ? { kind: "replay", result: row.result } : { kind: "conflict" };
}

/**
 * Claims the key first thing in the command's transaction. A concurrent request with the same
 * key blocks on the unique index until this transaction ends: after a commit it fails with a
 * unique violation (the pipeline then answers from the stored row), after a rollback it runs.
 */
export async function claimRequest(tx: Db, r: KeyedRequest): Promise<number> {
  const [row] = await tx
    .insert(commandRequests)
    .values({ userId: r.userId, command: r.command, requestKey: r.key, inputHash: r.inputHash })
    .returning({ id: commandRequests.id });
  return row.id;
}

/** Stores what the command returned, as the JSON a replay will answer with. */
export async function storeResult(tx: Db, claimId: number, result: unknown): Promise<void> {
  const json: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
  await tx.update(commandRequests).set({ result: json, updatedAt: new Date() }).where(eq(commandRequests.id, claimId));
}
