import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { TD, TH } from "@/components/ui/table";
import type { OrderRow } from "@/lib/molecular/queries/orders";
import { statusVariant } from "@/lib/molecular/status";

/** The heads of the columns every list of tests starts with: order, participant, test, status. */
export async function OrderHeads() {
  const t = await getTranslations("molecular");
  return (
    <>
      <TH>{t("page.order")}</TH>
      <TH>{t("page.subject")}</TH>
      <TH>{t("page.test")}</TH>
      <TH>{t("page.status")}</TH>
    </>
  );
}

/** A test's owner (participant, or biobank donor), test kind with origin, and status badge (the cells after its order number). */
export async function OrderCells({ row, statusClassName }: { row: Pick<OrderRow, "owner" | "code" | "testKind" | "origin" | "status">; statusClassName?: string }) {
  const t = await getTranslations("molecular");
  return (
    <>
      <TD className="font-mono">
        {row.code}
        {row.owner === "donor" ? <span className="block font-sans text-xs text-muted-foreground">{t("page.donor")}</span> : null}
      </TD>
      <TD>
        {t(`testKinds.${row.testKind}`)} · {t(`origins.${row.origin}`)}
      </TD>
      <TD className={statusClassName}>
        <Badge variant={statusVariant(row.status)}>{t(`statuses.${row.status}`)}</Badge>
      </TD>
    </>
  );
}
