import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/input";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { formatDateTime, statusVariant } from "@/lib/biobank/format";
import { transferDetail } from "@/lib/biobank/queries/movements";
import { routeId } from "@/lib/http/route-param";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { receiveTransferAction, shipTransferAction } from "@/app/(portal)/biobank/transfers/actions";

export default async function TransferPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const id = routeId((await params).id);
  const tr = await transferDetail(actor, id);
  if (!tr) notFound();
  const [t, locale] = [await getTranslations("biobank"), await getLocale()];
  const manage = can(actor, "biobank.transfer.manage");
  const admin = actor.role === "network_admin";
  const mayShip = manage && tr.status === "created" && (admin || tr.fromCentreId === actor.centreId);
  const mayReceive = manage && tr.status === "in_transit" && (admin || tr.toCentreId === actor.centreId);
  return (
    <div className="space-y-4">
      <BiobankTabs actor={actor} current="transfers" />
      <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
        <span className="font-mono">{tr.code}</span>
        <Badge variant={statusVariant(tr.status)} data-testid="transfer-status">{t(`transferStatuses.${tr.status}`)}</Badge>
      </h1>
      <p className="text-sm">
        {tr.fromCode} → {tr.toCode} · {t("transfers.created")} {formatDateTime(tr.createdAt)}
        {tr.shippedAt ? ` · ${t("transferStatuses.in_transit")} ${formatDateTime(tr.shippedAt)}` : ""}
        {tr.receivedAt ? ` · ${t("transferStatuses.received")} ${formatDateTime(tr.receivedAt)}` : ""}
        {tr.note ? ` · ${tr.note}` : ""}
      </p>
      {mayShip ? (
        <ActionForm action={shipTransferAction}>
          <input type="hidden" name="transferId" value={tr.id} />
          <SubmitButton>{t("transfers.ship")}</SubmitButton>
        </ActionForm>
      ) : null}
      {tr.status === "in_transit" && !mayReceive ? <p className="text-sm text-muted-foreground">{t("transfers.onlyDestination")}</p> : null}
      <Card>
        <CardHeader><CardTitle>{mayReceive ? t("transfers.receive") : t("transfers.items")}</CardTitle></CardHeader>
        <CardContent>
          <ActionForm action={receiveTransferAction} id="receive-form">
            <input type="hidden" name="transferId" value={tr.id} />
            {mayReceive ? <p className="text-sm text-muted-foreground">{t("transfers.receiveHint")}</p> : null}
            <Table>
              <THead>
                <tr><TH>{t("fields.barcode")}</TH><TH>{t("fields.type")}</TH><TH>{t("fields.status")}</TH><TH>{t("fields.location")}</TH><TH>{t("transfers.outcome")}</TH></tr>
              </THead>
              <TBody>
                {tr.list.map((i) => (
                  <TR key={i.id}>
                    <TD><Link prefetch={false} className="font-mono text-primary hover:underline" href={`/biobank/specimens/${i.barcode}`}>{i.barcode}</Link></TD>
                    <TD>{t(`types.${i.type}`)}</TD>
                    <TD>{t(`statuses.${i.status}`)}</TD>
                    <TD className="text-xs" data-testid="transfer-item-location">{i.location ?? "—"}</TD>
                    <TD>
                      {mayReceive ? (
                        <Select name="results[]" aria-label={`${t("transfers.outcome")} ${i.barcode}`} defaultValue={`${i.id}:received`} className="w-40">
                          {(["received", "missing", "damaged"] as const).map((o) => <option key={o} value={`${i.id}:${o}`}>{t(`outcomes.${o}`)}</option>)}
                        </Select>
                      ) : (
                        <Badge variant={statusVariant(i.outcome)}>{t(`outcomes.${i.outcome}`)}</Badge>
                      )}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            {mayReceive ? (
              <>
                <TextField name="note" label={t("fields.note")} />
                <SubmitButton>{t("transfers.receive")}</SubmitButton>
              </>
            ) : null}
          </ActionForm>
        </CardContent>
      </Card>
    </div>
  );
}
