import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { formatDateTime, statusVariant } from "@/lib/biobank/format";
import { listReleases } from "@/lib/biobank/queries/movements";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { requestReleaseAction } from "@/app/(portal)/biobank/releases/actions";

export default async function ReleasesPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const [t, locale, rows] = [await getTranslations("biobank"), await getLocale(), await listReleases(actor)];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("releases.heading")}</h1>
      <BiobankTabs actor={actor} current="releases" />
      {can(actor, "biobank.release.request") ? (
        <Card className="max-w-2xl">
          <CardHeader><CardTitle>{t("releases.new")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={requestReleaseAction}>
              <TextField name="studyCode" label={t("releases.study")} autoComplete="off" />
              <TextField name="purpose" label={t("releases.purpose")} />
              <TextAreaField name="criteria" label={t("releases.criteria")} />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="geneticUse" /> {t("releases.geneticUse")}
              </label>
              <TextField name="hgrApprovalNo" label={t("releases.hgr")} hint={t("releases.hgrHint")} autoComplete="off" />
              <TextAreaField name="barcodes" label={t("releases.barcodes")} hint={t("transfers.barcodesHint")} />
              <SubmitButton>{t("releases.create")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}
      <Table>
        <THead>
          <tr><TH>{t("transfers.code")}</TH><TH>{t("releases.study")}</TH><TH>{t("releases.purpose")}</TH><TH>{t("releases.items")}</TH><TH>{t("fields.status")}</TH><TH>{t("transfers.created")}</TH></tr>
        </THead>
        <TBody>
          {rows.length === 0 ? <TR><TD colSpan={6} className="text-muted-foreground">{t("releases.none")}</TD></TR> : null}
          {rows.map((r) => (
            <TR key={r.id}>
              <TD><Link prefetch={false} className="font-mono text-primary hover:underline" href={`/biobank/releases/${r.id}`}>{r.code}</Link></TD>
              <TD>{r.studyCode}</TD>
              <TD>{r.purpose}</TD>
              <TD>{r.items}</TD>
              <TD><Badge variant={statusVariant(r.status)}>{t(`releaseStatuses.${r.status}`)}</Badge></TD>
              <TD className="whitespace-nowrap">{formatDateTime(r.createdAt)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
