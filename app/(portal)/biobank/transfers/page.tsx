import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { formatDateTime, statusVariant } from "@/lib/biobank/format";
import { listTransfers, TRANSFER_PAGE_SIZE, transferDestinations } from "@/lib/biobank/queries/movements";
import { localized } from "@/lib/i18n/localized";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { createTransferAction } from "@/app/(portal)/biobank/transfers/actions";

export default async function TransfersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const [t, tc, locale, sp] = [await getTranslations("biobank"), await getTranslations("common"), await getLocale(), await searchParams];
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const [rows, destinations] = await Promise.all([listTransfers(actor, page), can(actor, "biobank.transfer.manage") ? transferDestinations(actor) : Promise.resolve([])]);
  const hub = destinations.find((d) => d.code === "TJ01");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("transfers.heading")}</h1>
      <BiobankTabs actor={actor} current="transfers" />
      {can(actor, "biobank.transfer.manage") ? (
        <Card className="max-w-2xl">
          <CardHeader><CardTitle>{t("transfers.new")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={createTransferAction} id="new-transfer">
              <RequestKeyField />
              <SelectField
                name="toCentreId"
                label={t("transfers.to")}
                defaultValue={hub ? String(hub.id) : undefined}
                options={destinations.map((d) => ({ value: String(d.id), label: `${d.code} · ${localized(d, locale)}` }))}
              />
              <TextAreaField name="barcodes" label={t("transfers.barcodes")} hint={t("transfers.barcodesHint")} defaultValue={(sp.barcodes ?? "").split(",").join("\n")} />
              <TextField name="note" label={t("fields.note")} />
              <SubmitButton>{t("transfers.create")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}
      <Table>
        <THead>
          <tr><TH>{t("transfers.code")}</TH><TH>{t("transfers.from")}</TH><TH>{t("transfers.to")}</TH><TH>{t("transfers.items")}</TH><TH>{t("transfers.status")}</TH><TH>{t("transfers.created")}</TH></tr>
        </THead>
        <TBody>
          {rows.length === 0 ? <TR><TD colSpan={6} className="text-muted-foreground">{t("transfers.none")}</TD></TR> : null}
          {rows.map((r) => (
            <TR key={r.id}>
              <TD><Link prefetch={false} className="font-mono text-primary hover:underline" href={`/biobank/transfers/${r.id}`}>{r.code}</Link></TD>
              <TD>{r.fromCode}</TD>
              <TD>{r.toCode}</TD>
              <TD>{r.items}</TD>
              <TD><Badge variant={statusVariant(r.status)}>{t(`transferStatuses.${r.status}`)}</Badge></TD>
              <TD className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <div className="flex gap-3 text-sm">
        {page > 1 ? <Link prefetch={false} className="text-primary hover:underline" href={`/biobank/transfers?page=${page - 1}`}>{tc("previous")}</Link> : null}
        {rows.length === TRANSFER_PAGE_SIZE ? <Link prefetch={false} className="text-primary hover:underline" href={`/biobank/transfers?page=${page + 1}`}>{tc("next")}</Link> : null}
      </div>
    </div>
  );
}
