"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import { changedPaths, flattenValues, type ItemValue, type RulesResult } from "@/lib/crf/entry";
import type { ItemDef } from "@/lib/crf/design";
import { newRequestKey } from "@/lib/validation/request-key";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/input";
import { CrfForm } from "@/components/crf/crf-form";
import { CrfFormProvider } from "@/components/crf/crf-form-context";
import { enterToNext } from "@/components/crf/enter-to-next";
import { rowsOf, sameAnswers, type EntryValues } from "@/components/crf/entry-values";
import { useLiveEntry } from "@/components/crf/use-live-entry";
import { useUnsavedGuard } from "@/components/crf/use-unsaved-guard";
import { saveFormAction } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/actions";
import type { EntryPageData } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/entry-props";
import { ItemExtras } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/item-extras";

function initialValues(d: EntryPageData): EntryValues {
  const calc = new Set(d.form.items.filter((i) => i.type === "calc").map((i) => i.name));
  const out: EntryValues = {};
  for (const [k, v] of Object.entries(d.instance?.values ?? {})) {
    if (calc.has(k)) continue;
    if (typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))) out[k] = v as ItemValue;
    else if (Array.isArray(v)) out[k] = v as EntryValues[string];
  }
  return out;
}

/** Only what the user can see is sent: a hidden item's answer is not part of the form (the server drops it too). */
function visibleAnswers(values: EntryValues, missing: Record<string, string>, live: RulesResult, form: EntryPageData["form"]) {
  const shown = new Set(live.visible);
  const calc = new Set(form.items.filter((i) => i.type === "calc").map((i) => i.name));
  const groups = new Set((form.groups ?? []).map((g) => g.name));
  const out: EntryValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (groups.has(k)) {
      out[k] = rowsOf(values, k).map((row, i) => Object.fromEntries(Object.entries(row).filter(([item]) => !calc.has(item) && shown.has(`${k}.${i + 1}.${item}`))));
    } else if (!calc.has(k) && shown.has(k)) out[k] = v;
  }
  return { values: out, missing: Object.fromEntries(Object.entries(missing).filter(([p]) => shown.has(p))) };
}

/** The data-entry form: live rules, inline messages, save / save and next, reason for change, unsaved-changes guard. */
export function FormEntry({ data }: { data: EntryPageData }) {
  const t = useTranslations("crf.entry");
  const locale = useLocale();
  const router = useRouter();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  const { state, values, missing, confirmed, live, serverErrors, edited, edit, setServerErrors } = useLiveEntry({
    form: data.form,
    locale,
    initialValues: initialValues(data),
    initialMissing: data.instance?.missing,
    event: data.eventName,
    otherEvents: data.otherEvents,
    today: data.today,
    now: data.now,
    onEdit: () => setMessage(null),
    extras: (path: string, item: ItemDef) => <ItemExtras path={path} item={item} data={data} instanceId={data.instance?.id ?? null} />,
  });
  // What is saved: as typed (for "unsaved changes") and as stored (for "a saved value changed, say why").
  const [saved, setSaved] = React.useState(() => ({
    values: initialValues(data),
    missing: { ...(data.instance?.missing ?? {}) },
    stored: flattenValues(data.instance?.values ?? {}, data.instance?.missing ?? {}),
    version: data.instance?.version ?? 0,
  }));
  const [reason, setReason] = React.useState("");
  const [complete, setComplete] = React.useState(data.instance ? data.instance.status !== "in_progress" : true);
  const [pending, setPending] = React.useState(false);
  const requestKey = React.useRef({ key: "", body: "" });

  const dirty = !sameAnswers({ values, missing }, { values: saved.values, missing: saved.missing });
  const liveStored = React.useMemo(() => flattenValues(live.values, live.missing), [live]);
  const changesSaved = saved.version > 0 && changedPaths(saved.stored, liveStored).some((path) => saved.stored[path] !== undefined);
  useUnsavedGuard(dirty, t("unsaved"));
  const editedSinceSave = edited;

  async function save(goNext: boolean) {
    if (pending) return;
    setPending(true);
    setMessage(null);
    const sent = visibleAnswers(values, missing, live, data.form);
    const body = {
      ...data.key,
      formVersionId: data.form.formVersionId,
      expectedVersion: saved.version,
      values: sent.values,
      missing: sent.missing,
      complete,
      ...(reason.trim() ? { reason } : {}),
      confirmedSoft: [...confirmed].filter((p) => live.softBreaches[p]),
    };
    // The same answers sent again (a double press, a retry after a lost answer) carry the same key: saved once.
    const json = JSON.stringify(body);
    if (requestKey.current.body !== json) requestKey.current = { key: newRequestKey(), body: json };
    let r: Awaited<ReturnType<typeof saveFormAction>>;
    try {
      r = await saveFormAction({ ...body, requestKey: requestKey.current.key });
    } catch {
      // Nothing is lost: the answers stay on the page, and the same key makes a retry safe.
      setPending(false);
      setMessage({ ok: false, text: t("sendFailed") });
      return;
    }
    setPending(false);
    if (!r.ok) {
      setServerErrors(r.fieldErrors ?? {});
      setMessage({ ok: false, text: r.message });
      const first = Object.keys(r.fieldErrors ?? {})[0];
      if (first) document.querySelector<HTMLElement>(`[data-item="${CSS.escape(first)}"] [data-crf-field], #crf-reason`)?.focus();
      return;
    }
    requestKey.current = { key: "", body: "" };
    setServerErrors({});
    setReason("");
    setSaved({ values, missing, stored: liveStored, version: r.data.version });
    const raised = r.data.raisedQueries > 0 ? ` ${t("raisedQueries", { count: r.data.raisedQueries })}` : "";
    setMessage({ ok: true, text: `${t("saved")}${raised}` });
    const next = goNext ? data.nextHref : null;
    if (next) router.push(next);
    else router.refresh();
  }

  return (
    <form
      noValidate
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={enterToNext}
      className="space-y-4"
      aria-busy={pending}
      data-testid="crf-entry-form"
    >
      <CrfFormProvider state={state}>
        <CrfForm form={data.form} />
      </CrfFormProvider>
      <div className="space-y-3 rounded-md border border-border bg-card p-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" checked={complete} onChange={(e) => setComplete(e.target.checked)} data-crf-field="" />
          {t("markComplete")}
        </label>
        {changesSaved || serverErrors.reason ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor="crf-reason">{t("reason")}</Label>
            <Textarea
              id="crf-reason"
              rows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                edit("reason");
              }}
              aria-invalid={serverErrors.reason && !editedSinceSave.has("reason") ? true : undefined}
              aria-describedby={serverErrors.reason && !editedSinceSave.has("reason") ? "crf-reason-error" : "crf-reason-hint"}
            />
            <p id="crf-reason-hint" className="text-xs text-muted-foreground">
              {t("reasonHint")}
            </p>
            {serverErrors.reason && !editedSinceSave.has("reason") ? (
              <p id="crf-reason-error" className="text-sm text-destructive">
                {serverErrors.reason.join(" ")}
              </p>
            ) : null}
          </div>
        ) : null}
        {message ? (
          <p role="status" aria-live="polite" data-testid={message.ok ? "form-success" : "form-error"} className={message.ok ? "text-sm text-success" : "rounded-md bg-red-50 px-3 py-2 text-sm text-destructive"}>
            {message.text}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" onClick={() => save(false)} disabled={pending} data-testid="save">
            {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
            {t("save")}
          </Button>
          {data.nextHref ? (
            <Button type="button" variant="outline" onClick={() => save(true)} disabled={pending} data-testid="save-next">
              {t("saveNext")}
            </Button>
          ) : null}
          {dirty ? <span className="text-xs text-amber-800">{t("unsavedBadge")}</span> : null}
        </div>
      </div>
    </form>
  );
}
