import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { listOrders } from "@/lib/molecular/queries/orders";
import { statusVariant } from "@/lib/molecular/status";

export default async function MolecularOrdersPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.read")) notFound();
  const [t, rows] = [await getTranslations("molecular"), await listOrders(actor)];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("page.heading")}</h1>
      <p className="text-sm text-muted-foreground">{t("page.intro")}</p>
      <div className="overflow-x-auto">
        <Table>
          <THead>
            <tr>
              <TH>{t("page.order")}</TH>
              <TH>{t("page.subject")}</TH>
              <TH>{t("page.test")}</TH>
              <TH>{t("page.status")}</TH>
              <TH>{t("page.lab")}</TH>
              <TH>{t("page.orderedOn")}</TH>
              <TH>{t("page.turnaround")}</TH>
            </tr>
          </THead>
          <TBody>
            {rows.length === 0 ? (
              <TR>
                <TD colSpan={7} className="text-muted-foreground">{t("page.none")}</TD>
              </TR>
            ) : null}
            {rows.map((r) => (
              <TR key={r.id}>
                <TD>
                  <Link prefetch={false} className="font-mono text-primary hover:underline" href={`/molecular/${r.id}`}>
                    #{r.id}
                  </Link>
                </TD>
                <TD className="font-mono">{r.subjectCode}</TD>
                <TD>
                  {t(`testKinds.${r.testKind}`)} · {t(`origins.${r.origin}`)}
                </TD>
                <TD>
                  <Badge variant={statusVariant(r.status)}>{t(`statuses.${r.status}`)}</Badge>
                </TD>
                <TD>{r.labCentreCode}</TD>
                <TD className="whitespace-nowrap">{r.orderedOn}</TD>
                <TD>{r.turnaroundDays === null ? "—" : t("page.days", { n: r.turnaroundDays })}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
