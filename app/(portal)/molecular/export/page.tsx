import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { localizedPair } from "@/lib/i18n/localized";
import { exportChoices } from "@/lib/molecular/queries/export-studies";
import { ExportForm } from "@/app/(portal)/molecular/_components/export-form";

export default async function ExportResultsPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.export")) notFound();
  const [t, locale, choices] = [await getTranslations("molecular"), await getLocale(), await exportChoices(actor)];
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link prefetch={false} className="text-primary hover:underline" href="/molecular">{t("page.heading")}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("export.heading")}</h1>
      <p className="text-sm text-muted-foreground">{t("export.intro")}</p>
      <Card>
        <CardContent className="pt-4">
          {choices.studies.length ? (
            <ExportForm
              studies={choices.studies.map((s) => ({ value: String(s.id), label: `${s.code} · ${localizedPair(s.titleZh, s.titleEn, locale)} (${s.reported})` }))}
              sites={choices.sites.map((c) => ({ value: String(c.id), label: `${c.code} · ${localizedPair(c.nameZh, c.nameEn, locale)}` }))}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{t("export.none")}</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
