"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { MessageSquarePlus } from "lucide-react";
import type { ItemDef } from "@/lib/crf/design";
import { newRequestKey } from "@/lib/validation/request-key";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/input";
import { controlId } from "@/components/crf/crf-form-context";
import { useChoiceLabels } from "@/components/crf/form-item";
import { valueText } from "@/components/crf/value-text";
import { raiseCrfQueryAction } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/actions";
import type { EntryPageData, ValueChange } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/entry-props";

/** Beside an item: its queries, the value's history, and (monitors, the PI) "raise a query" on it. */
export function ItemExtras({ path, item, data, instanceId }: { path: string; item: ItemDef; data: EntryPageData; instanceId: number | null }) {
  const t = useTranslations("crf.entry");
  const queries = data.queries.filter((q) => q.field === path);
  const pending = queries.some((q) => q.status !== "closed");
  const history = data.history[path] ?? [];
  const mayRaise = data.canRaiseQuery && instanceId !== null && !pending && item.type !== "descriptive";
  if (!queries.length && !history.length && !mayRaise) return null;
  return (
    <div className="flex flex-col gap-1 text-xs">
      {queries.length ? (
        <ul className="flex flex-wrap gap-1" aria-label={t("queries.onItem")}>
          {queries.map((q) => (
            <li key={q.id}>
              <Link prefetch={false} href={`/follow-up/queries/${q.id}`} className="inline-flex" data-testid={`query-${path}`}>
                <Badge variant={q.status === "open" ? "warning" : q.status === "answered" ? "default" : "muted"}>{t(`queries.${q.status}`, { id: q.id })}</Badge>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {history.length ? <ValueHistory path={path} item={item} changes={history} /> : null}
      {mayRaise ? <RaiseQuery path={path} instanceId={instanceId} /> : null}
    </div>
  );
}

function ValueHistory({ path, item, changes }: { path: string; item: ItemDef; changes: EntryPageData["history"][string] }) {
  const t = useTranslations("crf.entry.history");
  const tm = useTranslations("crf.entry.missing.codes");
  const locale = useLocale();
  const labels = useChoiceLabels();
  const shown = (v: ValueChange["value"]) => (v === null ? t("blank") : typeof v === "object" && !Array.isArray(v) ? tm(v.missing as never) : valueText(item, v, locale, labels));
  return (
    <details className="max-w-xl" data-testid={`history-${path}`}>
      <summary className="cursor-pointer text-primary underline-offset-2 hover:underline">{t("summary", { count: changes.length })}</summary>
      <ol className="mt-1 space-y-1 border-l-2 border-border pl-2">
        {changes.map((c) => (
          <li key={c.version}>
            <span className="font-medium">{shown(c.value)}</span> · {t("version", { version: c.version })} · {c.at}
            {c.by ? ` · ${c.by}` : ""}
            {c.reason ? <span className="block text-muted-foreground">{t("reason", { reason: c.reason })}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

function RaiseQuery({ path, instanceId }: { path: string; instanceId: number }) {
  const t = useTranslations("crf.entry.queries");
  const tEntry = useTranslations("crf.entry");
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [question, setQuestion] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const key = React.useRef("");
  const id = `${controlId(path)}-question`;
  if (!open) {
    return (
      <Button type="button" variant="ghost" size="sm" className="w-fit px-1 text-primary" onClick={() => setOpen(true)} data-testid={`raise-${path}`}>
        <MessageSquarePlus className="size-4" aria-hidden />
        {t("raise")}
      </Button>
    );
  }
  async function submit() {
    if (pending) return;
    setPending(true);
    if (!key.current) key.current = newRequestKey();
    const r = await raiseCrfQueryAction({ entityType: "crf_form", entityId: instanceId, field: path, question, requestKey: key.current }).catch(() => null);
    setPending(false);
    if (!r) {
      setError(tEntry("sendFailed"));
      return;
    }
    if (!r.ok) {
      setError(r.fieldErrors?.question?.join(" ") ?? r.fieldErrors?.field?.join(" ") ?? r.message);
      return;
    }
    key.current = "";
    setOpen(false);
    setQuestion("");
    router.refresh();
  }
  return (
    <div className="flex max-w-xl flex-col gap-1 rounded-md border border-border bg-muted/40 p-2">
      <Label htmlFor={id}>{t("question")}</Label>
      <Textarea id={id} rows={2} maxLength={2000} value={question} onChange={(e) => setQuestion(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} autoFocus />
      {error ? (
        <p id={`${id}-error`} className="text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="button" size="sm" onClick={submit} disabled={pending} data-testid={`send-query-${path}`}>
          {t("send")}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
