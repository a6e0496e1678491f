import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { parseAuditFilters } from "@/lib/history/filters";
import { auditActionNames, auditEntityTypes, listAuditEvents } from "@/lib/history/queries/audit-trail";
import { historyRefs } from "@/lib/history/queries/history-refs";
import { auditRefs, refIdsOf } from "@/lib/history/ref-ids";
import { auditFormatter } from "@/lib/audit/diff";
import { formatNetworkInstant } from "@/lib/time/network-instant";
import { pageOf, param } from "@/lib/reads/paging";
import { AuditDiff } from "@/app/(portal)/audit/_components/audit-diff";
import { AuditFiltersForm } from "@/app/(portal)/audit/_components/audit-filters";
import { VerifyButton } from "@/app/(portal)/audit/_components/verify-button";
import { auditActionLabel } from "@/lib/audit/action-label";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "audit.read")) notFound();
  const sp = await searchParams;
  const filters = parseAuditFilters({
    entityType: param(sp.entityType),
    entityId: param(sp.entityId),
    actor: param(sp.actor),
    action: param(sp.action),
    from: param(sp.from),
    to: param(sp.to),
    page: pageOf(sp.page),
  });
  const [result, entityTypes, actions] = await Promise.all([listAuditEvents(actor, filters), auditEntityTypes(actor), auditActionNames(actor)]);
  const [t, tc, ta, tr, locale] = [await getTranslations("audit"), await getTranslations("common"), await getTranslations("auditActions"), await getTranslations(), await getLocale()];
  const refs = auditRefs(await historyRefs(actor, refIdsOf(result.rows)));
  const fmt = (entityType: string | null) => auditFormatter(tr, { locale, entityType, refs });
  const label = (a: string) => auditActionLabel(ta, a);
  const keep = { entityType: filters.entityType, entityId: filters.entityId, actor: filters.actor, action: filters.action, from: filters.from, to: filters.to };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{actor.role === "network_admin" ? t("introAll") : t("introSubtree")}</p>
        </div>
        {can(actor, "audit.verify") ? <VerifyButton /> : null}
      </div>
      <AuditFiltersForm
        values={filters}
        entityTypes={entityTypes.map((e) => ({ value: e, label: fmt(null).entity(e) }))}
        actions={actions.map((a) => ({ value: a, label: label(a) })).sort((a, b) => a.label.localeCompare(b.label, locale))}
      />
      <Card>
        <CardContent className="pt-4">
          {result.rows.length ? (
            <Table data-testid="audit-table">
              <THead>
                <TR>
                  <TH>#</TH>
                  <TH>{t("time")}</TH>
                  <TH>{t("actor")}</TH>
                  <TH>{t("action")}</TH>
                  <TH>{t("entity")}</TH>
                  <TH>{t("centre")}</TH>
                  <TH>{t("changes")}</TH>
                  <TH>{tc("reason")}</TH>
                </TR>
              </THead>
              <TBody>
                {result.rows.map((e) => (
                  <TR key={e.id}>
                    <TD className="text-muted-foreground">{e.id}</TD>
                    <TD className="whitespace-nowrap">{formatNetworkInstant(e.at)}</TD>
                    <TD className="max-w-48 break-words">{e.actorName ?? <span className="text-muted-foreground">{t("system")}</span>}</TD>
                    <TD>{label(e.action)}</TD>
                    <TD className="whitespace-nowrap">
                      {fmt(e.entityType).entity(e.entityType)}
                      {e.entityId ? ` #${e.entityId}` : ""}
                    </TD>
                    <TD>{e.centreCode ?? "—"}</TD>
                    <TD className="min-w-56">
                      <AuditDiff entries={fmt(e.entityType).diff(e.before, e.after)} />
                    </TD>
                    <TD className="max-w-48 break-words">{e.reason ?? ""}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{tc("noRows")}</p>
          )}
          <Pager basePath="/audit" params={keep} page={result.page} pages={result.pages} total={result.total} />
        </CardContent>
      </Card>
    </div>
  );
}
