import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { isStatementTimeout, STATEMENT_TIMEOUT_MESSAGE_KEY } from "@/db/statement-timeout";
import { appendAudit, type AuditActor, type AuditInput } from "@/lib/audit/append";
import { getActor, getPasswordChangeActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translate } from "@/lib/i18n/translate";
import { isBlankText } from "@/lib/validation/text";
import { isTokenCommand, type Command, type TokenCommand } from "@/lib/actions/define-command";
import { ActionError } from "@/lib/actions/errors";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";
import { runAfterSuccess, type AfterSuccess } from "@/lib/actions/after-success";
import { isUniqueViolation } from "@/lib/actions/db-errors";
import { claimRequest, keyedRequest, priorRequest, REQUEST_KEY_CONSTRAINT, storeResult, type PriorRequest } from "@/lib/actions/request-keys";

export type { CommandContext as ActionContext } from "@/lib/actions/define-command";

/** A wrapped action takes an object, or (previousState, FormData) as useActionState calls it. */
export type ServerAction<R> = (input: unknown, formData?: unknown) => Promise<ActionResult<R>>;

const registry = new WeakSet<object>();

/** True for functions made by defineAction (checked by a test over every actions file). */
export function isPipelineAction(fn: unknown): boolean {
  return typeof fn === "function" && registry.has(fn);
}

type Translate = (k: string, p?: Record<string, string | number>) => string;

/**
 * The one command pipeline: actor from the database, strict validation, permission, one
 * transaction with its audit events, a typed result with translated messages. A command that
 * declares a request key runs once per (user, command, key): a replay answers what it stored.
 */
export async function executeCommand<S extends z.ZodType, R>(command: Command<S, R> | TokenCommand<S, R>, raw: unknown): Promise<ActionResult<R>> {
  if (isTokenCommand(command)) return executeTokenCommand(command, raw);
  const actor = (await getActor()) ?? (command.audience === "password-change" ? await getPasswordChangeActor() : null);
  const locale = await requestLocale(actor?.locale);
  if (!actor) return { ok: false, message: translate(locale, "errors.signedOut") };
  return executeCommandAs(actor, command, raw, { locale });
}

/**
 * The same pipeline for an actor already authenticated and loaded from the database by another
 * door (the REST API's bearer tokens, lib/api/authenticate.ts): schema, permission, one
 * transaction with its audit events, request keys, answers in `locale`.
 */
export async function executeCommandAs<S extends z.ZodType, R>(actor: Actor, command: Command<S, R>, raw: unknown, options: { locale: Locale }): Promise<ActionResult<R>> {
  const t: Translate = (key, params) => translate(options.locale, key, params);

  // With the input in the issues, a value that is present but wrong is never called "required".
  const parsed = command.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, message: t("errors.validation"), fieldErrors: zodFieldErrors(parsed.error, t) };
  }
  if (!can(actor, command.permission)) return { ok: false, message: t("errors.forbidden") };

  const key = command.requestKey?.(parsed.data) ?? null;
  const request = key ? keyedRequest(actor.id, command.name, key, parsed.data) : null;
  const answer = (prior: PriorRequest): ActionResult<R> =>
    prior.kind === "replay" ? { ok: true, data: prior.result as R, replayed: true } : { ok: false, message: t("errors.requestKeyReused") };

  let db: Db | null = null;
  try {
    db = await getDb();
    const prior = request ? await priorRequest(db, request) : null;
    if (prior) return answer(prior);
    const prepared = command.prepare ? await command.prepare({ actor, input: parsed.data, db }) : undefined;
    const data = await db.transaction(async (tx) => {
      const claim = request ? await claimRequest(tx as Db, request) : null;
      const events: AuditInput[] = [];
      const result = await command.handler({ actor, input: parsed.data, tx: tx as Db, audit: (e) => events.push(e), prepared });
      if (events.length === 0) throw new Error(`command ${command.name} wrote no audit event`);
      if (claim !== null) await storeResult(tx as Db, claim, result);
      await appendAudit(tx as Db, { id: actor.id, centreId: actor.centreId }, events);
      return result;
    });
    return { ok: true, data };
  } catch (err) {
    // The same keyed request committed by a concurrent call while this one waited on the key.
    if (request && db && isUniqueViolation(err, REQUEST_KEY_CONSTRAINT)) {
      const prior = await priorRequest(db, request).catch(() => null);
      if (prior) return answer(prior);
    }
    if (err instanceof ActionError) {
      return {
        ok: false,
        message: t(err.key, err.params),
        fieldErrors: err.fieldErrors ? translateFieldErrors(err.fieldErrors, t, err.params) : undefined,
      };
    }
    if (isStatementTimeout(err)) return { ok: false, message: t(STATEMENT_TIMEOUT_MESSAGE_KEY) };
    console.error(`[command ${command.name}] failed`, err);
    return { ok: false, message: t("errors.unexpected") };
  }
}

/** The pipeline for a token command: no actor; the audit events name whom the token speaks for. */
async function executeTokenCommand<S extends z.ZodType, R>(command: TokenCommand<S, R>, raw: unknown): Promise<ActionResult<R>> {
  const locale = await requestLocale(undefined);
  const t: Translate = (key, params) => translate(locale, key, params);
  const parsed = command.schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, message: t("errors.validation"), fieldErrors: zodFieldErrors(parsed.error, t) };
  }
  try {
    const db = await getDb();
    const data = await db.transaction(async (tx) => {
      const events: [AuditActor, AuditInput][] = [];
      const result = await command.handler({ input: parsed.data, tx: tx as Db, audit: (e, by) => events.push([by, e]) });
      if (events.length === 0) throw new Error(`command ${command.name} wrote no audit event`);
      for (const [by, e] of events) await appendAudit(tx as Db, by, [e]);
      return result;
    });
    return { ok: true, data };
  } catch (err) {
    if (err instanceof ActionError) {
      return { ok: false, message: t(err.key, err.params), fieldErrors: err.fieldErrors ? translateFieldErrors(err.fieldErrors, t, err.params) : undefined };
    }
    console.error(`[command ${command.name}] failed`, err);
    return { ok: false, message: t("errors.unexpected") };
  }
}

/**
 * Binds a command to a server action: FormData or an object in, the pipeline, then revalidation
 * and redirect (outside any try/catch: redirect() works by throwing). The command alone decides
 * permission and rules; the binding only says what to refresh and where to go.
 */
export function defineAction<S extends z.ZodType, R>(command: Command<S, R> | TokenCommand<S, R>, after: AfterSuccess<R> = {}): ServerAction<R> {
  const action: ServerAction<R> = async (first, second) => {
    const raw = second instanceof FormData ? formDataToObject(second) : first instanceof FormData ? formDataToObject(first) : first;
    const result = await executeCommand(command, raw);
    if (result.ok) await runAfterSuccess(after, result.data);
    return result;
  };
  registry.add(action);
  return action;
}

function translateFieldErrors(fe: FieldErrors, t: Translate, params?: Record<string, string | number>): FieldErrors {
  return Object.fromEntries(Object.entries(fe).map(([k, msgs]) => [k, msgs.map((m) => t(m, params))]));
}

/** zod issues -> translated messages per field. Schemas use message keys ("validation.*"). */
function zodFieldErrors(error: z.ZodError, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    const msg = issueMessage(issue, t);
    (out[field] ??= []).push(msg);
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  // Whatever message a schema chose for a wrong type or value, the input (reportInput) says more:
  // a list where one value belongs is "one value only", and a value that is there is never "required".
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "invalid_type" || issue.code === "invalid_value") {
    if (Array.isArray(input) && !(issue.code === "invalid_type" && issue.expected === "array")) return t("validation.single");
    if (issue.message === "validation.required" && input !== undefined && input !== null && !isBlankText(input)) {
      return t(issue.code === "invalid_value" ? "validation.choice" : "validation.invalid");
    }
  }
  if (issue.message?.startsWith("validation.") || /^[a-z]+\.validation\./.test(issue.message ?? "")) return t(issue.message, issueParams(issue));
  switch (issue.code) {
    case "unrecognized_keys":
      return t("validation.unknownField", { keys: issue.keys.join(", ") });
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? t("validation.required") : t("validation.tooShort", { min: Number(issue.minimum) });
      return t("validation.tooSmall", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return t("validation.tooLong", { max: Number(issue.maximum) });
      return t("validation.tooBig", { max: Number(issue.maximum) });
    case "invalid_type":
      return issue.input === undefined || issue.input === "" ? t("validation.required") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** Limits carried by an issue, for messages such as "at most {max} characters". */
function issueParams(issue: z.core.$ZodIssue): Record<string, string | number> | undefined {
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  const p = (issue as { params?: Record<string, string | number> }).params;
  return p;
}
