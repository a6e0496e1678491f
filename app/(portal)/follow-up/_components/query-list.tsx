import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { QueryOnRecord } from "@/lib/followup/queries/followup";
import { queryFieldLabel } from "@/lib/followup/query-field";
import { networkTime } from "@/app/(portal)/follow-up/_components/format";

export async function QueryStatusBadge({ status }: { status: string }) {
  const t = await getTranslations("followup.queryStatus");
  return <Badge variant={status === "closed" ? "muted" : status === "answered" ? "default" : "warning"}>{t(status)}</Badge>;
}

/** Queries on a participant's records, unclosed first, each linking to its thread. */
export async function QueryList({ queries }: { queries: QueryOnRecord[] }) {
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  if (queries.length === 0) return <p className="text-sm text-muted-foreground">{t("queries.none")}</p>;
  return (
    <ul className="divide-y divide-border" data-testid="query-list">
      {queries.map((q) => (
        <li key={q.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
          <QueryStatusBadge status={q.status} />
          <Link prefetch={false} href={`/follow-up/queries/${q.id}`} className="font-medium text-primary underline underline-offset-2">
            #{q.id} {t("query.on", { record: t(`entity.${q.entityType}`), field: queryFieldLabel(q, locale, t) })}
          </Link>
          <span className="text-muted-foreground">{q.question}</span>
          <span className="text-xs text-muted-foreground">{t("query.raisedBy", { name: q.raisedByName, at: networkTime(q.openedAt) })}</span>
        </li>
      ))}
    </ul>
  );
}
