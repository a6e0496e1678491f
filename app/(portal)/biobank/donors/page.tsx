import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { DONOR_PAGE_SIZE, listDonors } from "@/lib/biobank/queries/donors";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { createDonorAction } from "@/app/(portal)/biobank/donors/actions";

export default async function DonorsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimen.register")) notFound();
  const sp = await searchParams;
  const q = (sp.q ?? "").trim().slice(0, 40);
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const [t, tc, rows] = [await getTranslations("biobank"), await getTranslations("common"), await listDonors(actor, q, page)];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("donors.heading")}</h1>
      <BiobankTabs actor={actor} current="donors" />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-3">
          <form className="flex items-end gap-2" role="search">
            <div className="flex flex-col gap-1">
              <Label htmlFor="donor-q">{t("donors.filter")}</Label>
              <Input id="donor-q" name="q" defaultValue={q} />
            </div>
            <Button type="submit" variant="outline">{tc("search")}</Button>
          </form>
          <Table>
            <THead><tr><TH>{t("fields.donorCode")}</TH><TH>{t("fields.consent")}</TH><TH>{t("fields.consentDate")}</TH><TH>{t("fields.centre")}</TH><TH>{t("donors.specimens")}</TH></tr></THead>
            <TBody>
              {rows.length === 0 ? <TR><TD colSpan={5} className="text-muted-foreground">{t("donors.none")}</TD></TR> : null}
              {rows.map((d) => (
                <TR key={d.id}>
                  <TD className="font-mono"><Link prefetch={false} className="text-primary hover:underline" href={`/biobank?code=${encodeURIComponent(d.donorCode)}`}>{d.donorCode}</Link></TD>
                  <TD>{t(`consent.${d.futureConsent}`)}</TD>
                  <TD>{d.consentDate}</TD>
                  <TD>{d.centreCode}</TD>
                  <TD>{d.specimens}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <div className="flex gap-2 text-sm">
            {page > 1 ? <Link prefetch={false} className="text-primary hover:underline" href={`/biobank/donors?q=${encodeURIComponent(q)}&page=${page - 1}`}>{tc("previous")}</Link> : null}
            {rows.length === DONOR_PAGE_SIZE ? <Link prefetch={false} className="text-primary hover:underline" href={`/biobank/donors?q=${encodeURIComponent(q)}&page=${page + 1}`}>{tc("next")}</Link> : null}
          </div>
        </div>
        <Card>
          <CardHeader><CardTitle>{t("donors.new")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={createDonorAction} resetOnSuccess successMessage={t("donors.created")}>
              <TextField name="donorCode" label={t("fields.donorCode")} autoComplete="off" />
              <SelectField name="futureConsent" label={t("fields.consent")} placeholder={t("storage.choose")} options={(["yes", "limited", "no"] as const).map((c) => ({ value: c, label: t(`consent.${c}`) }))} />
              <TextField name="consentDate" type="date" label={t("fields.consentDate")} />
              <SubmitButton>{t("donors.create")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
