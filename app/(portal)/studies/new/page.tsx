import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { centreOptionLabel } from "@/lib/network/centre-order";
import { localized } from "@/lib/i18n/localized";
import { siteCentreOptions } from "@/lib/studies/queries/sites";
import { piOptions } from "@/lib/studies/queries/studies";
import { NewStudyForm } from "@/app/(portal)/studies/_components/new-study-form";

export default async function NewStudyPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "study.create")) notFound();
  const [t, locale, centres, pis] = [await getTranslations("studies"), await getLocale(), await siteCentreOptions(actor), await piOptions(actor)];
  return (
    <div className="max-w-4xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("newStudy")}</h1>
        <p className="text-sm text-muted-foreground">{t("newIntro")}</p>
      </div>
      <Card>
        <CardContent className="pt-4">
          <NewStudyForm
            defaultCentreId={actor.centreId}
            centres={centres.map((c) => ({ value: String(c.id), label: centreOptionLabel(c, localized(c, locale)) }))}
            pis={pis.map((p) => ({ value: String(p.id), label: `${p.name} <${p.email}>` }))}
          />
        </CardContent>
      </Card>
    </div>
  );
}
