import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { bi } from "@/components/crf/layout";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { flattenValues } from "@/lib/crf/entry";
import { formEntry } from "@/lib/crf/queries/form-entry";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { getParticipant } from "@/lib/participants/queries/participant-detail";
import { routeId, routeParam } from "@/lib/http/route-param";
import { networkToday, toNetworkLocal } from "@/lib/time/network-day";
import type { EntryPageData } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/entry-props";
import { FormEntry } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/form-entry";
import { FormView } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/form-view";
import { VerifyForm } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/verify-form";
import { loadValueHistory } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/load-history";

type Params = { code: string; subject: string; event: string; form: string };

/** The item paths whose history the page shows: every answer saved now, and every item outside a group (one may have been blanked). */
function historyPaths(form: EntryPageData["form"], values: Record<string, unknown>, missing: Record<string, string>): string[] {
  const inGroups = new Set((form.groups ?? []).flatMap((g) => g.items));
  const single = form.items.filter((i) => !inGroups.has(i.name) && i.type !== "calc" && i.type !== "descriptive").map((i) => i.name);
  return [...new Set([...single, ...Object.keys(flattenValues(values, missing))])];
}

/** One participant's form at one event (`?repeat=n` for a repeated entry): entry for site staff, a read-only view with queries and SDV for monitors and the PI. */
export default async function CrfFormPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ repeat?: string | string[] }> }) {
  const raw = await params;
  const [code, subject] = [routeParam(raw.code), routeParam(raw.subject)];
  const [eventId, formId] = [routeId(raw.event), routeId(raw.form)];
  const rawRepeat = (await searchParams).repeat;
  const repeat = rawRepeat === undefined ? 1 : routeId(rawRepeat);
  if (repeat > 200) notFound();
  const actor = await getActor();
  if (!actor || !can(actor, "crf.read") || !can(actor, "participant.read")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const p = await getParticipant(actor, study.id, subject.toUpperCase());
  if (!p) notFound();
  const entry = await formEntry(actor, { participantId: p.id, eventId, formId, repeat });
  if (!entry) notFound();
  const [t, locale] = [await getTranslations("crf.entry"), await getLocale()];
  const base = `/studies/${study.code}/participants/${p.subjectCode}`;
  const instance = entry.instance;
  const verified = instance?.status === "verified";
  const editing = entry.canEdit && !verified;
  const now = new Date();
  const data: EntryPageData = {
    key: { participantId: p.id, eventId, formId, repeat },
    eventName: entry.event.name,
    form: entry.form,
    instance: instance ? { id: instance.id, status: instance.status, values: instance.values, missing: instance.missing, version: instance.version } : null,
    otherEvents: entry.otherEvents,
    today: networkToday(now),
    now: toNetworkLocal(now).replace("T", " "),
    canEdit: entry.canEdit,
    canVerify: entry.canVerify,
    canRaiseQuery: entry.canRaiseQuery,
    queries: entry.queries,
    history: instance && instance.version > 1 ? await loadValueHistory(actor, instance.id, historyPaths(entry.form, instance.values, instance.missing), entry.form.items) : {},
    nextHref: entry.next ? `${base}/forms/${entry.next.eventId}/${entry.next.formId}${entry.next.repeat > 1 ? `?repeat=${entry.next.repeat}` : ""}` : null,
    participantHref: base,
  };
  const status = instance?.status ?? "new";
  return (
    <div className="space-y-4">
      <Link prefetch={false} href={base} className="text-sm text-primary underline underline-offset-2" data-testid="back-to-participant">
        ← {t("back")} <span className="font-mono">{p.subjectCode}</span>
      </Link>
      <Card>
        <CardHeader className="space-y-2">
          <CardTitle className="text-xl" data-testid="form-title">
            {t("title", { form: bi(entry.form.label, locale), event: bi(entry.event.label, locale) })}
          </CardTitle>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-mono">{p.subjectCode}</span>
            {repeat > 1 ? <Badge variant="muted">{t("repeat", { n: repeat })}</Badge> : null}
            <Badge variant={status === "verified" ? "default" : status === "complete" ? "success" : status === "in_progress" ? "warning" : "muted"} data-testid="form-status">
              {t(`status.${status}`)}
            </Badge>
            <span className="text-muted-foreground">{t("version", { version: entry.form.version })}</span>
          </p>
          {editing ? <p className="text-xs text-muted-foreground">{t("keyboardHint")}</p> : verified ? <p className="text-sm text-muted-foreground">{t("verifiedNote")}</p> : <p className="text-sm text-muted-foreground">{t("readOnlyNote")}</p>}
        </CardHeader>
        <CardContent>
          {editing ? <FormEntry data={data} /> : instance ? <FormView data={data} /> : <p className="text-sm text-muted-foreground" data-testid="not-entered">{t("notEntered")}</p>}
        </CardContent>
      </Card>
      {entry.canVerify && instance ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("verify.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <VerifyForm instanceId={instance.id} version={instance.version} verified={verified} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
