import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { pageOf, param } from "@/lib/reads/paging";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { parseUserFilters } from "@/lib/users/filters";
import { homeCentreOptions, listUsers } from "@/lib/users/queries/users";
import { UserFiltersForm } from "@/app/(portal)/users/_components/user-filters";

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SP }) {
  const actor = await getActor();
  if (!actor || !can(actor, "user.read")) notFound();
  const sp = await searchParams;
  const filters = parseUserFilters({ q: param(sp.q), role: param(sp.role), centre: param(sp.centre), page: pageOf(sp.page) });
  const [result, centres] = await Promise.all([listUsers(actor, filters), homeCentreOptions(actor)]);
  const [t, tc, locale] = [await getTranslations("users"), await getTranslations("common"), await getLocale()];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{actor.role === "network_admin" ? t("introAll") : t("introSubtree")}</p>
        </div>
        {can(actor, "user.manage") ? (
          <Link prefetch={false} href={filters.centre ? `/users/new?centre=${filters.centre}` : "/users/new"} className={buttonVariants()} data-testid="new-user">
            {t("newUser")}
          </Link>
        ) : null}
      </div>
      <UserFiltersForm
        values={filters}
        centres={centres.map((c) => ({ value: c.code, label: `${c.code} · ${localized(c, locale)}` }))}
      />
      <Card>
        <CardContent className="pt-4">
          {result.rows.length ? (
            <Table data-testid="users-table">
              <THead>
                <TR>
                  <TH>{t("name")}</TH>
                  <TH>{t("email")}</TH>
                  <TH>{t("role")}</TH>
                  <TH>{t("centre")}</TH>
                  <TH>{t("status")}</TH>
                </TR>
              </THead>
              <TBody>
                {result.rows.map((u) => (
                  <TR key={u.id}>
                    <TD>
                      <Link prefetch={false} href={`/users/${u.id}`} className="text-primary hover:underline">
                        {u.name}
                      </Link>
                    </TD>
                    <TD className="whitespace-nowrap">{u.email}</TD>
                    <TD className="whitespace-nowrap">{tc(`roles.${u.role}`)}</TD>
                    <TD className="min-w-48">
                      <code className="text-xs">{u.centreCode}</code> {localizedPair(u.centreNameZh, u.centreNameEn, locale)}
                    </TD>
                    <TD className="whitespace-nowrap">{u.disabled ? <Badge variant="warning">{t("disabled")}</Badge> : <Badge variant="success">{tc("active")}</Badge>}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{tc("noRows")}</p>
          )}
          <Pager
            basePath="/users"
            params={{ q: filters.q, role: filters.role, centre: filters.centre }}
            page={result.page}
            pages={result.pages}
            total={result.total}
          />
        </CardContent>
      </Card>
    </div>
  );
}
