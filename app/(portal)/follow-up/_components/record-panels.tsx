import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { QUERYABLE_FIELDS } from "@/lib/followup/queryable";
import type { HistoryVersion, QueryOnRecord } from "@/lib/followup/queries/followup";
import { HistoryTable } from "@/app/(portal)/follow-up/_components/history-table";
import { QueryList } from "@/app/(portal)/follow-up/_components/query-list";
import { RaiseQueryForm } from "@/app/(portal)/follow-up/_components/raise-query-form";

/** The queries on one saved record, and (for a monitor or the study PI) the form to raise one. */
export async function RecordQueries({ queries, entityType, entityId, canRaise }: { queries: QueryOnRecord[]; entityType: "visit" | "adverse_event"; entityId: number; canRaise: boolean }) {
  const t = await getTranslations("followup");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("participant.queries")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <QueryList queries={queries.filter((q) => q.entityType === entityType && q.entityId === entityId)} />
        {canRaise ? (
          <>
            <h3 className="text-sm font-medium">{t("query.raise")}</h3>
            <RaiseQueryForm entityType={entityType} entityId={entityId} fields={QUERYABLE_FIELDS[entityType]} />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Every saved version of one record. */
export async function RecordHistory({ versions }: { versions: HistoryVersion[] }) {
  const t = await getTranslations("followup");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("history.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <HistoryTable versions={versions} />
      </CardContent>
    </Card>
  );
}
