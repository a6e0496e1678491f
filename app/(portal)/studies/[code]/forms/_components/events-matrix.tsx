"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import type { Bilingual } from "@/lib/crf/design";
import { localized } from "@/lib/i18n/localized";
import { AmendmentInputs } from "@/app/(portal)/studies/[code]/forms/_components/amendment-inputs";
import { setEventFormsAction } from "@/app/(portal)/studies/[code]/forms/actions";

type MatrixEvent = { id: number; name: string; kind: "scheduled" | "unscheduled" | "log"; visitCode: string | null; labelZh: string; labelEn: string; formIds: number[] };
type MatrixForm = { formId: number; name: string; label: Bilingual };

const cell = (e: number, f: number) => `${e}:${f}`;

/** Which forms each event collects: a checkbox per event and form, saved together (one amendment once recruiting). */
export function EventsMatrix({ studyId, editable, amend, locale, events, forms }: { studyId: number; editable: boolean; amend: boolean; locale: string; events: MatrixEvent[]; forms: MatrixForm[] }) {
  const t = useTranslations("crf.designer.events");
  const router = useRouter();
  const initial = React.useMemo(() => new Set(events.flatMap((e) => e.formIds.map((f) => cell(e.id, f)))), [events]);
  // After a save the page refreshes with the saved matrix, which is what the state already holds.
  const [checked, setChecked] = React.useState(initial);
  if (!events.length) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  if (!forms.length) return <p className="text-sm text-muted-foreground">{t("noForms")}</p>;
  const changed = checked.size !== initial.size || [...checked].some((c) => !initial.has(c));
  const toggle = (key: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const formLabel = (f: MatrixForm) => localized({ labelZh: f.label.zh, labelEn: f.label.en }, locale);
  const table = (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid="events-matrix">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b border-border">
            <th scope="col" className="px-2 py-2 text-left font-medium">
              {t("event")}
            </th>
            {forms.map((f) => (
              <th key={f.formId} scope="col" className="px-2 py-2 text-center font-medium">
                {formLabel(f)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-border last:border-0">
              <th scope="row" className="px-2 py-2 text-left font-normal">
                <span className="flex flex-wrap items-center gap-2">
                  {localized(e, locale)}
                  <Badge variant="muted">{t(`kinds.${e.kind}`)}</Badge>
                </span>
              </th>
              {forms.map((f) => {
                const key = cell(e.id, f.formId);
                const label = t("cell", { event: localized(e, locale), form: formLabel(f) });
                return (
                  <td key={f.formId} className="px-2 py-2 text-center">
                    {editable ? (
                      <input type="checkbox" className="size-4" aria-label={label} checked={checked.has(key)} onChange={() => toggle(key)} data-testid={`cell-${e.name}-${f.name}`} />
                    ) : checked.has(key) ? (
                      <span aria-label={label} role="img">
                        ✓
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!editable) return table;
  return (
    <ActionForm action={setEventFormsAction} className="space-y-3" successMessage={t("saved")} onSuccess={() => router.refresh()}>
      <input type="hidden" name="studyId" value={studyId} />
      {[...checked].map((c) => {
        const [e, f] = c.split(":");
        return (
          <React.Fragment key={c}>
            <input type="hidden" name="eventIds[]" value={e} />
            <input type="hidden" name="formIds[]" value={f} />
          </React.Fragment>
        );
      })}
      {table}
      {changed ? <AmendmentInputs needed={amend} idPrefix="matrix" /> : null}
      <SubmitButton size="sm" disabled={!changed} data-testid="save-matrix">
        {amend ? t("saveAmendment") : t("save")}
      </SubmitButton>
    </ActionForm>
  );
}
