import type { z } from "zod";
import type { Db } from "@/db/client";
import type { AuditInput } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";

export type CommandContext<I> = {
  actor: Actor;
  input: I;
  /** The transaction: every read that decides and every write goes through it. */
  tx: Db;
  /** Queue an audit event; the pipeline writes them at the end of the same transaction. */
  audit: (event: AuditInput) => void;
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
   * Makes the command idempotent: the request key in the validated input (a `requestKeyField`,
   * e.g. `(input) => input.requestKey`). The same user sending the same key and input again gets
   * the stored result without the handler running (no second row, audit event or notification);
   * the same key with another input is refused. No key (undefined/null): no deduplication.
   */
  readonly requestKey?: (input: z.infer<S>) => string | null | undefined;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command, whatever its schema and result
export type AnyCommand = Command<any, any>;

export type CommandResult<C> = C extends Command<z.ZodType, infer R> ? R : never;

export function defineCommand<S extends z.ZodType, R>(command: Command<S, R>): Command<S, R> {
  return Object.freeze(command);
}
