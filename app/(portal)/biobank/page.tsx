import { Suspense } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { filterCentres } from "@/lib/biobank/queries/search";
import { localized } from "@/lib/i18n/localized";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { SpecimenSearch } from "@/app/(portal)/biobank/_components/specimen-search";

export default async function BiobankPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.read")) notFound();
  const [t, locale, centres] = [await getTranslations("biobank"), await getLocale(), await filterCentres(actor)];
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">{t("intro")}</p>
      <BiobankTabs actor={actor} current="search" />
      <Suspense>
        <SpecimenSearch countsOnly={!can(actor, "biobank.specimens.read")} centres={centres.map((c) => ({ id: c.id, label: `${c.code} · ${localized(c, locale)}` }))} />
      </Suspense>
    </div>
  );
}
