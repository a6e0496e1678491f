import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { statusVariant } from "@/lib/biobank/format";
import { releaseDetail } from "@/lib/biobank/queries/movements";
import { mayDecideRelease } from "@/lib/biobank/release-gate";
import { routeId } from "@/lib/http/route-param";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { decideReleaseAction } from "@/app/(portal)/biobank/releases/actions";

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const id = routeId((await params).id);
  const r = await releaseDetail(actor, id);
  if (!r) notFound();
  const t = await getTranslations("biobank");
  const facts: [string, string][] = [
    [t("releases.study"), r.studyCode],
    [t("releases.purpose"), r.purpose],
    [t("releases.criteria"), r.criteria ?? "—"],
    [t("releases.geneticUse"), r.geneticUse ? "✓" : "—"],
    [t("releases.hgr"), r.hgrApprovalNo ?? "—"],
    [t("releases.requestedBy"), r.requestedById === actor.id ? t("releases.requestedByYou", { name: r.requestedBy ?? "—" }) : (r.requestedBy ?? "—")],
    [t("releases.decidedBy"), r.decidedBy ? `${r.decidedBy}${r.decisionReason ? ` · ${r.decisionReason}` : ""}` : "—"],
  ];
  return (
    <div className="space-y-4">
      <BiobankTabs actor={actor} current="releases" />
      <h1 className="flex items-center gap-3 text-2xl font-semibold">
        <span className="font-mono">{r.code}</span>
        <Badge variant={statusVariant(r.status)} data-testid="release-status">{t(`releaseStatuses.${r.status}`)}</Badge>
      </h1>
      <dl className="grid max-w-2xl grid-cols-[12rem_1fr] gap-x-3 gap-y-2 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents"><dt className="text-muted-foreground">{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
      <Table>
        <THead><tr><TH>{t("fields.barcode")}</TH><TH>{t("fields.type")}</TH><TH>{t("fields.status")}</TH><TH>{t("fields.consent")}</TH></tr></THead>
        <TBody>
          {r.list.map((s) => (
            <TR key={s.barcode}>
              <TD className="font-mono">{s.barcode}</TD>
              <TD>{t(`types.${s.type}`)}</TD>
              <TD>{t(`statuses.${s.status}`)}</TD>
              <TD>{t(`consent.${s.futureConsent}`)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {r.status === "pending" && can(actor, "biobank.release.decide") && !mayDecideRelease(actor, { requestedBy: r.requestedById }) ? (
        <p className="max-w-xl text-sm text-muted-foreground" data-testid="four-eyes">{t("releases.fourEyesOwn")}</p>
      ) : null}
      {r.status === "pending" && can(actor, "biobank.release.decide") && mayDecideRelease(actor, { requestedBy: r.requestedById }) ? (
        <Card className="max-w-xl">
          <CardHeader><CardTitle>{t("releases.decision")}</CardTitle></CardHeader>
          <CardContent>
            <p className="mb-3 text-sm text-muted-foreground">{t("releases.fourEyes", { name: r.requestedBy ?? "—" })}</p>
            <ActionForm action={decideReleaseAction}>
              <input type="hidden" name="requestId" value={r.id} />
              <SelectField
                name="decision"
                label={t("releases.decision")}
                placeholder={t("releases.chooseDecision")}
                options={[{ value: "approve", label: t("releases.approve") }, { value: "reject", label: t("releases.reject") }]}
              />
              <TextField name="reason" label={t("fields.reason")} />
              <SubmitButton>{t("releases.decide")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
