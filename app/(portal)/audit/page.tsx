import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pager } from "@/components/tables/pager";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { parseAuditFilters } from "@/lib/history/filters";
import { auditEntityTypes, listAuditEvents } from "@/lib/history/queries/audit-trail";
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
  const [result, entityTypes] = await Promise.all([listAuditEvents(actor, filters), auditEntityTypes(actor)]);
  const [t, tc, ta, format] = [await getTranslations("audit"), await getTranslations("common"), await getTranslations("auditActions"), await getFormatter()];
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
      <AuditFiltersForm values={filters} entityTypes={entityTypes} />
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
                    <TD className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</TD>
                    <TD className="max-w-48 break-words">{e.actorName ?? <span className="text-muted-foreground">{t("system")}</span>}</TD>
                    <TD>
                      <span className="block">{auditActionLabel(ta, e.action)}</span>
                      <code className="text-xs text-muted-foreground">{e.action}</code>
                    </TD>
                    <TD className="whitespace-nowrap">
                      <code className="text-xs">
                        {e.entityType}
                        {e.entityId ? ` #${e.entityId}` : ""}
                      </code>
                    </TD>
                    <TD>{e.centreCode ?? "—"}</TD>
                    <TD className="min-w-56">
                      <AuditDiff before={e.before} after={e.after} />
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
