import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CheckCheck, CircleCheck, CircleDashed, CircleDot, MessageSquareWarning } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { bi } from "@/components/crf/layout";
import type { FormGrid, FormGridForm } from "@/lib/crf/queries/form-entry";
import { cn } from "@/lib/utils";

type Bilingual = { zh: string; en: string };
type Status = FormGridForm["status"];

const ICON = { not_started: CircleDashed, in_progress: CircleDot, complete: CircleCheck, verified: CheckCheck } as const;
const TONE: Record<Status, string> = {
  not_started: "text-muted-foreground",
  in_progress: "text-amber-800",
  complete: "text-green-800",
  verified: "text-primary",
};

/** A participant's case report forms: events across, forms down, each cell the form's status and open queries, a link to enter or read it. */
export async function ParticipantFormGrid({ base, events }: { base: string; events: FormGrid["events"] }) {
  const [t, locale] = [await getTranslations("crf.entry.grid"), await getLocale()];
  const forms: { formId: number; label: Bilingual }[] = [];
  for (const e of events) for (const f of e.forms) if (!forms.some((x) => x.formId === f.formId)) forms.push({ formId: f.formId, label: f.label });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        {forms.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <div className="w-full overflow-x-auto rounded-md border border-border" tabIndex={0} role="region" aria-label={t("title")}>
            <table className="w-full border-collapse text-sm" data-testid="form-grid">
              <thead className="bg-muted/60">
                <tr>
                  <th scope="col" className="sticky left-0 z-10 bg-muted px-3 py-2 text-left font-medium text-muted-foreground">
                    {t("form")}
                  </th>
                  {events.map((e) => (
                    <th key={e.id} scope="col" className="min-w-28 px-2 py-2 text-left font-medium text-muted-foreground">
                      {bi(e.label, locale)}
                      {e.kind !== "scheduled" ? <span className="block text-xs font-normal">{t(`kind.${e.kind}`)}</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {forms.map((f) => (
                  <tr key={f.formId}>
                    <th scope="row" className="sticky left-0 z-10 bg-card px-3 py-2 text-left font-medium">
                      {bi(f.label, locale)}
                    </th>
                    {events.map((e) => {
                      const cells = e.forms.filter((x) => x.formId === f.formId);
                      return (
                        <td key={e.id} className="px-2 py-1 align-top">
                          {cells.map((c) => {
                            const Icon = ICON[c.status];
                            const href = `${base}/forms/${e.id}/${c.formId}${c.repeat > 1 ? `?repeat=${c.repeat}` : ""}`;
                            return (
                              <Link
                                key={c.repeat}
                                prefetch={false}
                                href={href}
                                className={cn("flex min-h-9 items-center gap-1.5 rounded-md px-1.5 py-1 hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary", TONE[c.status])}
                                data-testid={`grid-${e.name}-${c.name}`}
                                data-status={c.status}
                                aria-label={t("cell", { form: bi(f.label, locale), event: bi(e.label, locale), status: t(`status.${c.status}`), queries: c.openQueries })}
                              >
                                <Icon className="size-4 shrink-0" aria-hidden />
                                <span className="text-xs">
                                  {c.repeat > 1 ? `#${c.repeat} ` : ""}
                                  {t(`status.${c.status}`)}
                                </span>
                                {c.openQueries > 0 ? (
                                  <span className="inline-flex items-center gap-0.5 rounded-full bg-amber-100 px-1.5 text-xs text-amber-950" data-testid="grid-open-queries">
                                    <MessageSquareWarning className="size-3" aria-hidden />
                                    {c.openQueries}
                                  </span>
                                ) : null}
                              </Link>
                            );
                          })}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label={t("legend")}>
          {(Object.keys(ICON) as Status[]).map((s) => {
            const Icon = ICON[s];
            return (
              <li key={s} className={cn("inline-flex items-center gap-1", TONE[s])}>
                <Icon className="size-3.5" aria-hidden />
                {t(`status.${s}`)}
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
