import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { listOrders } from "@/lib/molecular/queries/orders";
import { labWorklist } from "@/lib/molecular/queries/worklist";
import { networkToday } from "@/lib/time/network-day";
import { LabWorklist } from "@/app/(portal)/molecular/_components/lab-worklist";
import { OrderCells, OrderHeads } from "@/app/(portal)/molecular/_components/order-columns";

export default async function MolecularOrdersPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.read")) notFound();
  const [t, rows] = [await getTranslations("molecular"), await listOrders(actor)];
  const worklist = can(actor, "molecular.lab") ? await labWorklist(actor, networkToday()) : null;
  const link = "inline-flex h-9 items-center rounded-md border border-border bg-card px-4 text-sm font-medium hover:bg-muted";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("page.heading")}</h1>
        <div className="flex flex-wrap gap-2">
          {can(actor, "molecular.order") ? <Link prefetch={false} className={link} href="/molecular/new">{t("actions.order")}</Link> : null}
          {can(actor, "molecular.export") ? <Link prefetch={false} className={link} href="/molecular/export">{t("actions.export")}</Link> : null}
        </div>
      </div>
      <p className="text-sm text-muted-foreground">{t("page.intro")}</p>
      {worklist ? <LabWorklist rows={worklist} /> : null}
      <div className="overflow-x-auto">
        <Table>
          <THead>
            <tr>
              <OrderHeads />
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
                <OrderCells row={r} />
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
