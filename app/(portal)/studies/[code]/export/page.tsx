import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { exportChoices } from "@/lib/exchange/queries/export-plan";
import { routeParam } from "@/lib/http/route-param";
import { localizedPair } from "@/lib/i18n/localized";
import { getStudyPage } from "@/lib/studies/queries/studies";

function Choices({ legend, name, hint, items }: { legend: string; name: string; hint: string; items: { id: number; label: string }[] }) {
  return (
    <fieldset className="space-y-1" aria-describedby={`${name}-hint`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${name}-hint`} className="text-xs text-muted-foreground">{hint}</p>
      <div className="grid gap-1 sm:grid-cols-2">
        {items.map((i) => (
          <label key={i.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={i.id} />
            {i.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The options of a study's analysis export; the form downloads the zip from export/download. */
export default async function StudyExportPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "exchange.export")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  const choices = study ? await exportChoices(actor, study.id) : null;
  if (!study || !choices) notFound();
  const [t, locale] = [await getTranslations("exchange.page"), await getLocale()];
  const label = (code: string, l: { zh: string; en: string }) => `${code} · ${localizedPair(l.zh, l.en, locale)}`;
  return (
    <div className="max-w-3xl space-y-4">
      <h2 className="text-lg font-semibold">{t("heading")}</h2>
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      <Card>
        <CardContent className="pt-4">
          {choices.forms.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noForms")}</p>
          ) : (
            <form method="get" action={`/studies/${study.code}/export/download`} className="space-y-4" data-testid="export-form">
              <Choices legend={t("forms")} name="forms" hint={t("allWhenNone")} items={choices.forms.map((f) => ({ id: f.id, label: label(f.name, f.label) }))} />
              <Choices legend={t("events")} name="events" hint={t("allWhenNone")} items={choices.events.map((e) => ({ id: e.id, label: label(e.name, e.label) }))} />
              <Choices legend={t("sites")} name="sites" hint={t("allWhenNone")} items={choices.sites.map((s) => ({ id: s.id, label: label(s.code, s.label) }))} />
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium">{t("privacy")}</legend>
                {(["removeIdentifiers", "removeFreeText", "shiftDates"] as const).map((k) => (
                  <label key={k} className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name={k} className="mt-1" />
                    {t(k)}
                  </label>
                ))}
              </fieldset>
              <fieldset className="space-y-1">
                <legend className="text-sm font-medium">{t("labels")}</legend>
                {(["zh", "en"] as const).map((l) => (
                  <label key={l} className="mr-4 inline-flex items-center gap-2 text-sm">
                    <input type="radio" name="labels" value={l} defaultChecked={(locale === "en") === (l === "en")} />
                    {t(l === "zh" ? "labelsZh" : "labelsEn")}
                  </label>
                ))}
              </fieldset>
              <Button type="submit">{t("submit")}</Button>
            </form>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
