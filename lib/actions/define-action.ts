import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import type { Actor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translate } from "@/lib/i18n/translate";
import { ActionError } from "@/lib/actions/errors";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";
import { runAfterSuccess, type AfterSuccess } from "@/lib/actions/after-success";

export type ActionContext<I> = {
  actor: Actor;
  input: I;
  /** The transaction: every read that decides and every write goes through it. */
  tx: Db;
  /** Queue an audit event; the wrapper writes them at the end of the same transaction. */
  audit: (event: AuditInput) => void;
};

type Options<S extends z.ZodType, R> = {
  schema: S;
  permission: Permission;
  handler: (ctx: ActionContext<z.infer<S>>) => Promise<R>;
} & AfterSuccess<R>;

/** A wrapped action takes an object, or (previousState, FormData) as useActionState calls it. */
export type ServerAction<R> = (input: unknown, formData?: unknown) => Promise<ActionResult<R>>;

const registry = new WeakSet<object>();

/** True for functions made by defineAction (checked by a test over every actions file). */
export function isPipelineAction(fn: unknown): boolean {
  return typeof fn === "function" && registry.has(fn);
}

/**
 * The one server-action pipeline: actor from the database, strict validation, permission,
 * one transaction with its audit events, a typed result, then revalidation and redirect.
 */
export function defineAction<S extends z.ZodType, R>(opts: Options<S, R>): ServerAction<R> {
  const action: ServerAction<R> = async (first, second) => {
    const raw = second instanceof FormData ? formDataToObject(second) : first instanceof FormData ? formDataToObject(first) : first;

    const actor = await getActor();
    const locale = await requestLocale(actor?.locale);
    if (!actor) return { ok: false, message: translate(locale, "errors.signedOut") };
    const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);

    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, message: t("errors.validation"), fieldErrors: zodFieldErrors(parsed.error, t) };
    }
    if (!can(actor, opts.permission)) return { ok: false, message: t("errors.forbidden") };

    let data: R;
    try {
      const db = await getDb();
      data = await db.transaction(async (tx) => {
        const events: AuditInput[] = [];
        const result = await opts.handler({ actor, input: parsed.data, tx: tx as Db, audit: (e) => events.push(e) });
        if (events.length === 0) throw new Error(`action for ${opts.permission} wrote no audit event`);
        await appendAudit(tx as Db, { id: actor.id, centreId: actor.centreId }, events);
        return result;
      });
    } catch (err) {
      if (err instanceof ActionError) {
        return {
          ok: false,
          message: t(err.key, err.params),
          fieldErrors: err.fieldErrors ? translateFieldErrors(err.fieldErrors, t, err.params) : undefined,
        };
      }
      console.error(`[action ${opts.permission}] failed`, err);
      return { ok: false, message: t("errors.unexpected") };
    }
    // Outside the try: redirect() works by throwing.
    await runAfterSuccess(opts, data);
    return { ok: true, data };
  };
  registry.add(action);
  return action;
}

function translateFieldErrors(
  fe: FieldErrors,
  t: (k: string, p?: Record<string, string | number>) => string,
  params?: Record<string, string | number>,
): FieldErrors {
  return Object.fromEntries(Object.entries(fe).map(([k, msgs]) => [k, msgs.map((m) => t(m, params))]));
}

/** zod issues -> translated messages per field. Schemas use message keys ("validation.*"). */
function zodFieldErrors(error: z.ZodError, t: (k: string, p?: Record<string, string | number>) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    const msg = issueMessage(issue, t);
    (out[field] ??= []).push(msg);
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, t: (k: string, p?: Record<string, string | number>) => string): string {
  if (issue.message?.startsWith("validation.")) return t(issue.message);
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
