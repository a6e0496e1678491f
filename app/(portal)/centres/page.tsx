import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { localizedPair } from "@/lib/i18n/localized";
import { LEVELS } from "@/lib/network/levels";
import { buildTree } from "@/lib/network/tree";
import { centreLevelCounts, listCentres } from "@/lib/network/queries/centres";
import { CentreTree } from "@/app/(portal)/centres/_components/centre-tree";

export default async function CentresPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "centre.read")) notFound();
  const [t, tc, locale] = [await getTranslations("network"), await getTranslations("common"), await getLocale()];
  const [rows, counts] = await Promise.all([listCentres(actor), centreLevelCounts(actor)]);
  const tree = buildTree(rows);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <section aria-labelledby="level-counts">
        <h2 id="level-counts" className="sr-only">
          {t("levelCounts")}
        </h2>
        <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {LEVELS.flatMap((level) => {
            // Levels above the actor's reach have no rows: no card rather than a row of zeros.
            const c = counts.find((x) => x.level === level);
            if (!c) return [];
            return (
              <li key={level}>
                <Card data-testid={`level-count-${level}`}>
                  <CardContent className="pt-4">
                    <p className="text-sm text-muted-foreground">{tc(`levels.${level}`)}</p>
                    <p className="text-2xl font-semibold">{c.total}</p>
                    <p className="text-xs text-muted-foreground">{t("activeOf", { active: c.active, total: c.total })}</p>
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      </section>
      <Card>
        <CardHeader>
          <CardTitle>{t("tree")}</CardTitle>
        </CardHeader>
        <CardContent>
          {tree.length ? (
            <CentreTree nodes={tree} />
          ) : (
            <p className="text-sm text-muted-foreground">{tc("noRows")}</p>
          )}
        </CardContent>
      </Card>
      {can(actor, "centre.manage") ? (
        <p className="text-sm text-muted-foreground">
          {t("manageHint")}{" "}
          <Link prefetch={false} className="text-primary underline" href={`/centres/${actor.centreCode}`}>
            {localizedPair(actor.centreNameZh, actor.centreNameEn, locale)}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
