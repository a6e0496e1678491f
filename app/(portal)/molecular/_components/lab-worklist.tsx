import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { WorklistRow } from "@/lib/molecular/queries/worklist";
import { OrderCells, OrderHeads } from "@/app/(portal)/molecular/_components/order-columns";

/** What the lab does next with a test at this status. */
function nextStep(r: WorklistRow): "receive" | "analyse" | "import" | "report" {
  if (r.status === "ordered") return "receive";
  if (r.status === "received") return "analyse";
  return r.resultsIn ? "report" : "import";
}

/** The lab's open tests, the longest waiting first; each opens on the page where its next step is taken. */
export async function LabWorklist({ rows }: { rows: WorklistRow[] }) {
  const t = await getTranslations("molecular");
  const label = { receive: t("lab.receive"), analyse: t("lab.analyse"), import: t("report.importResults"), report: t("lab.report") };
  return (
    <Card data-testid="lab-worklist">
      <CardHeader>
        <CardTitle>{t("worklist.heading")}</CardTitle>
        <p className="text-sm text-muted-foreground">{t("worklist.intro")}</p>
      </CardHeader>
      <CardContent>
        <div className="overflow-x-auto">
          <Table>
            <THead>
              <tr>
                <OrderHeads />
                <TH className="whitespace-nowrap">{t("worklist.waiting")}</TH>
                <TH>{t("worklist.next")}</TH>
              </tr>
            </THead>
            <TBody>
              {rows.length === 0 ? (
                <TR><TD colSpan={6} className="text-muted-foreground">{t("worklist.none")}</TD></TR>
              ) : null}
              {rows.map((r) => {
                const step = nextStep(r);
                return (
                  <TR key={r.id}>
                    <TD className="font-mono">#{r.id}</TD>
                    <OrderCells row={r} statusClassName="whitespace-nowrap" />
                    <TD className="whitespace-nowrap">{t("page.days", { n: r.waitingDays })}</TD>
                    <TD>
                      <Link prefetch={false} className="text-primary hover:underline" href={step === "import" ? `/molecular/${r.id}/import` : `/molecular/${r.id}`}>
                        {label[step]}
                      </Link>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        </div>
      </CardContent>
    </Card>
  );
}
