import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { localized } from "@/lib/i18n/localized";
import { can } from "@/lib/authz/can";
import { isCentreCode } from "@/lib/network/centre-code";
import { childLevel } from "@/lib/network/levels";
import { canManageCentre } from "@/lib/network/scope";
import { getCentre, moveTargets } from "@/lib/network/queries/centres";
import { usersAtCentre } from "@/lib/users/queries/users";
import { routeParam } from "@/lib/http/route-param";
import { ActiveForm } from "@/app/(portal)/centres/[code]/_components/active-form";
import { AddCentreForm } from "@/app/(portal)/centres/[code]/_components/add-centre-form";
import { CentreChildren } from "@/app/(portal)/centres/[code]/_components/centre-children";
import { CentreUsers } from "@/app/(portal)/centres/[code]/_components/centre-users";
import { MoveForm } from "@/app/(portal)/centres/[code]/_components/move-form";
import { RenameForm } from "@/app/(portal)/centres/[code]/_components/rename-form";

export default async function CentrePage({ params }: { params: Promise<{ code: string }> }) {
  const code = routeParam((await params).code);
  const actor = await getActor();
  if (!actor || !can(actor, "centre.read") || !isCentreCode(code)) notFound();
  const found = await getCentre(actor, code);
  if (!found) notFound();
  const { centre, crumbs, parent, children } = found;
  const [t, tc, locale] = [await getTranslations("network"), await getTranslations("common"), await getLocale()];
  const name = (o: { nameZh: string; nameEn: string }) => localized(o, locale);

  const manages = can(actor, "centre.manage");
  const mayEdit = manages && canManageCentre(actor, centre, true);
  const mayRestructure = manages && canManageCentre(actor, centre, false) && centre.parentId !== null;
  const nextLevel = childLevel(centre.level);
  const [people, targets] = await Promise.all([
    usersAtCentre(actor, centre.id),
    mayRestructure ? moveTargets(actor, centre) : [],
  ]);

  return (
    <div className="space-y-6">
      <nav aria-label={tc("breadcrumb")} className="text-sm text-muted-foreground">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/centres" className="hover:underline">
              {t("title")}
            </Link>
          </li>
          {crumbs.map((c) => (
            <li key={c.code} className="flex items-center gap-1">
              <span aria-hidden>/</span>
              {c.linkable ? (
                <Link href={`/centres/${c.code}`} className="hover:underline">
                  {name(c)}
                </Link>
              ) : (
                <span>{name(c)}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{name(centre)}</h1>
        <Badge variant="muted">{tc(`levels.${centre.level}`)}</Badge>
        {centre.active ? <Badge variant="success">{tc("active")}</Badge> : <Badge variant="warning">{tc("inactive")}</Badge>}
      </div>
      <Card>
        <CardContent className="pt-4">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <Item label={t("code")} value={<code>{centre.code}</code>} />
            <Item label={t("otherName")} value={localized(centre, locale === "en" ? "zh-CN" : "en")} />
            <Item label={t("place")} value={`${centre.province} · ${centre.city}`} />
            <Item label={t("parent")} value={parent ? (parent.linkable ? <Link className="text-primary hover:underline" href={`/centres/${parent.code}`}>{name(parent)}</Link> : name(parent)) : tc("none")} />
            <Item label={t("activeUsers")} value={String(centre.userCount)} />
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("children")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CentreChildren rows={children} />
        </CardContent>
      </Card>

      {people ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("people")}</CardTitle>
          </CardHeader>
          <CardContent>
            <CentreUsers rows={people.rows} total={people.total} centreCode={centre.code} />
          </CardContent>
        </Card>
      ) : null}

      <div className="grid items-start gap-6 xl:grid-cols-2">
        {mayEdit && centre.active && nextLevel ? (
          <Panel title={t("addTitle")} testId="panel-add">
            <AddCentreForm parentId={centre.id} level={nextLevel} province={centre.province} city={centre.city} />
          </Panel>
        ) : null}
        {mayEdit ? (
          <Panel title={t("renameTitle")} testId="panel-rename">
            <RenameForm centreId={centre.id} nameZh={centre.nameZh} nameEn={centre.nameEn} />
          </Panel>
        ) : null}
        {mayRestructure ? (
          <>
            <Panel title={t("moveTitle")} testId="panel-move">
              <MoveForm centreId={centre.id} targets={targets} />
            </Panel>
            <Panel title={centre.active ? t("deactivateTitle") : t("reactivateTitle")} testId="panel-active">
              <ActiveForm centreId={centre.id} active={centre.active} />
            </Panel>
          </>
        ) : null}
      </div>
    </div>
  );
}

function Item({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}

function Panel({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
