import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { getProtocol, listProtocolVersions } from "@/lib/studies/queries/protocol";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { formatLevelList } from "@/lib/studies/level-list";
import { protocolChangesNeedAmendment, studyIsClosed } from "@/lib/studies/lifecycle";
import { ratioLabel } from "@/lib/studies/recruiting-gates";
import { routeParam } from "@/lib/http/route-param";
import { ArmsForm, ConsentsForm, CriteriaForm, StratificationForm, TargetForm } from "@/app/(portal)/studies/_components/protocol-forms";
import { BiomarkerCriteriaCard } from "@/app/(portal)/studies/[code]/protocol/_components/biomarker-criteria-card";
import { can } from "@/lib/authz/can";

export default async function ProtocolPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ version?: string; edit?: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const sp = await searchParams;
  const requested = Number(sp.version);
  const versionNo = Number.isInteger(requested) && requested >= 1 ? requested : study.currentProtocolVersion;
  const [t, locale, versions, protocol] = [await getTranslations("studies"), await getLocale(), await listProtocolVersions(actor, study.id), await getProtocol(actor, study.id, versionNo)];
  if (!protocol) notFound();
  const isCurrent = versionNo === study.currentProtocolVersion;
  const editable = study.manage && isCurrent && !studyIsClosed(study.status);
  const common = { studyId: study.id, amend: protocolChangesNeedAmendment(study.status) };
  const randomized = study.design === "randomized";
  // One section is edited at a time (?edit=…): one form, one set of amendment fields on the page.
  const edit = (section: string, node: React.ReactNode) =>
    !editable ? null : sp.edit === section ? (
      <div className="mt-3 border-t border-border pt-3" data-testid={`edit-${section}`}>
        {node}
        <Link href={`/studies/${study.code}/protocol`} className="mt-2 inline-block text-sm text-muted-foreground hover:underline">
          {t("protocol.close")}
        </Link>
      </div>
    ) : (
      <Link href={`/studies/${study.code}/protocol?edit=${section}`} className="mt-3 inline-block text-sm font-medium text-primary hover:underline" data-testid={`open-edit-${section}`}>
        {t("protocol.edit")}
      </Link>
    );
  const empty = (key: string) => <p className="text-sm text-muted-foreground">{t(key)}</p>;

  return (
    <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        {isCurrent ? null : (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="old-version-note">
            {t("protocol.viewing", { version: versionNo })}
          </p>
        )}
        <Card>
          <CardHeader>
            <CardTitle>{t("protocol.criteria")}</CardTitle>
          </CardHeader>
          <CardContent>
            {protocol.criteria.length ? (
              <ol className="space-y-1 text-sm" data-testid="criteria-list">
                {protocol.criteria.map((c) => (
                  <li key={c.id} className="flex gap-2">
                    <Badge variant={c.kind === "inclusion" ? "success" : "destructive"}>{c.code}</Badge>
                    <span>{localizedPair(c.textZh, c.textEn, locale)}</span>
                  </li>
                ))}
              </ol>
            ) : (
              empty("protocol.noCriteria")
            )}
            {edit("criteria", <CriteriaForm {...common} initial={protocol.criteria.map((c) => ({ kind: c.kind, textZh: c.textZh, textEn: c.textEn }))} />)}
          </CardContent>
        </Card>
        <BiomarkerCriteriaCard actor={actor} study={study} version={versionNo} edit={edit} amend={common.amend} showMatches={can(actor, "participant.read") && can(actor, "molecular.read")} />
        {randomized ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("protocol.arms")}</CardTitle>
              {protocol.arms.length ? <p className="text-sm text-muted-foreground">{t("protocol.ratio", { ratio: ratioLabel(protocol.arms.map((a) => a.ratio)) })}</p> : null}
            </CardHeader>
            <CardContent>
              {protocol.arms.length ? (
                <ul className="space-y-1 text-sm" data-testid="arms-list">
                  {protocol.arms.map((a) => (
                    <li key={a.id}>
                      <code className="mr-2">{a.code}</code>
                      {localized(a, locale)} <span className="text-muted-foreground">× {a.ratio}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                empty("protocol.noArms")
              )}
              {edit("arms", <ArmsForm {...common} initial={protocol.arms.map((a) => ({ code: a.code, nameZh: a.nameZh, nameEn: a.nameEn, ratio: String(a.ratio) }))} />)}
            </CardContent>
          </Card>
        ) : null}
        {randomized ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("protocol.stratification")}</CardTitle>
            </CardHeader>
            <CardContent>
              {protocol.factors.length ? (
                <ul className="space-y-1 text-sm" data-testid="factors-list">
                  {protocol.factors.map((f) => (
                    <li key={f.code}>
                      <span className="font-medium">{localized(f, locale)}</span>: {f.levels.map((l) => localized(l, locale)).join(" / ")}
                    </li>
                  ))}
                </ul>
              ) : (
                empty("protocol.noFactors")
              )}
              {edit("strat", <StratificationForm {...common} initial={protocol.factors.map((f) => ({ code: f.code, nameZh: f.nameZh, nameEn: f.nameEn, levels: formatLevelList(f.levels) }))} />)}
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>{t("protocol.consents")}</CardTitle>
          </CardHeader>
          <CardContent>
            {protocol.consents.length ? (
              <ul className="space-y-1 text-sm" data-testid="consents-list">
                {protocol.consents.map((c) => (
                  <li key={c.id}>
                    {c.label} · {t("protocol.effective", { date: c.effectiveDate })}
                  </li>
                ))}
              </ul>
            ) : (
              empty("protocol.noConsents")
            )}
            {edit("consents", <ConsentsForm {...common} initial={protocol.consents.map((c) => ({ label: c.label, effectiveDate: c.effectiveDate }))} />)}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("protocol.target")}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm">{protocol.version.targetEnrolment}</p>
            {edit("target", <TargetForm {...common} target={study.targetEnrolment} />)}
          </CardContent>
        </Card>
      </div>
      <Card className="self-start">
        <CardHeader>
          <CardTitle>{t("protocol.versions")}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="versions-table">
            <THead>
              <TR>
                <TH>#</TH>
                <TH>{t("field.effectiveDate")}</TH>
                <TH>{t("protocol.reason")}</TH>
              </TR>
            </THead>
            <TBody>
              {versions.map((v) => (
                <TR key={v.id} data-testid={`version-${v.version}`}>
                  <TD>
                    <Link href={`/studies/${study.code}/protocol?version=${v.version}`} className="whitespace-nowrap text-primary hover:underline" aria-current={v.version === versionNo ? "page" : undefined}>
                      {t("protocol.version", { version: v.version })}
                    </Link>
                    {v.version === study.currentProtocolVersion ? (
                      <Badge variant="success" className="ml-1">
                        {t("protocol.current")}
                      </Badge>
                    ) : null}
                  </TD>
                  <TD className="whitespace-nowrap">{v.effectiveDate}</TD>
                  <TD>
                    {v.reason === "initial" ? t("protocol.initial") : v.reason}
                    <span className="block text-xs text-muted-foreground">{t("protocol.by", { name: v.createdByName })}</span>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
