import type { z } from "zod";
import type { Db } from "@/db/client";
import type { AuditActor, AuditInput } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";

export type CommandContext<I> = {
  actor: Actor;
  input: I;
  /** The transaction: every read that decides and every write goes through it. */
  tx: Db;
  /** Queue an audit event; the pipeline writes them at the end of the same transaction. */
  audit: (event: AuditInput) => void;
  /** What the command's `prepare` answered, before the transaction (undefined without one). */
  prepared?: unknown;
};

/**
 * A command: what may be written, by whom, and how. It lives in lib/<domain>/commands/<verb>.ts;
 * app/ binds it to a server action (revalidation, redirect) with defineAction, tests run it with
 * runCommand: both go through the same pipeline (lib/actions/define-action.ts).
 */
export type Command<S extends z.ZodType, R> = {
  readonly name: string;
  readonly schema: S;
  readonly permission: Permission;
  readonly handler: (ctx: CommandContext<z.infer<S>>) => Promise<R>;
  /**
   * Long read-only work done after validation and the permission check but before the
   * transaction opens, outside it; its answer is the handler's `prepared`. For reads that must
   * not hold a transaction open (on PGlite an open transaction holds the whole database), such
   * as walking the audit trail. It writes nothing the command's transaction would need to undo.
   */
  readonly prepare?: (ctx: { actor: Actor; input: z.infer<S>; db: Db }) => Promise<unknown>;
  /**
   * Makes the command idempotent: the request key in the validated input (a `requestKeyField`,
   * e.g. `(input) => input.requestKey`). The same user sending the same key and input again gets
   * the stored result without the handler running (no second row, audit event or notification);
   * the same key with another input is refused. No key (undefined/null): no deduplication.
   */
  readonly requestKey?: (input: z.infer<S>) => string | null | undefined;
  /**
   * "password-change": also open to someone signed in with a temporary password, to whom every
   * other command is closed until they have chosen their own (lib/auth/actor.ts).
   */
  readonly audience?: "password-change";
};

export type TokenCommandContext<I> = {
  input: I;
  tx: Db;
  /** Queue an audit event done by `by`: the person the token in the input speaks for. */
  audit: (event: AuditInput, by: AuditActor) => void;
};

/**
 * A command for someone who is not signed in and proves who they are with a one-time secret in
 * the input (a password reset link). No session, no role: the handler checks the secret itself,
 * inside the same transaction as the writes and their audit events.
 */
export type TokenCommand<S extends z.ZodType, R> = {
  readonly name: string;
  readonly schema: S;
  readonly door: "token";
  readonly handler: (ctx: TokenCommandContext<z.infer<S>>) => Promise<R>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any token command, whatever its schema and result
export type AnyTokenCommand = TokenCommand<any, any>;

export function defineTokenCommand<S extends z.ZodType, R>(command: Omit<TokenCommand<S, R>, "door">): TokenCommand<S, R> {
  return Object.freeze({ ...command, door: "token" as const });
}

export function isTokenCommand<S extends z.ZodType, R>(c: Command<S, R> | TokenCommand<S, R>): c is TokenCommand<S, R> {
  return "door" in c && c.door === "token";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command, whatever its schema and result
export type AnyCommand = Command<any, any>;

export type CommandResult<C> = C extends Command<z.ZodType, infer R> ? R : never;

export function defineCommand<S extends z.ZodType, R>(command: Command<S, R>): Command<S, R> {
  return Object.freeze(command);
}
