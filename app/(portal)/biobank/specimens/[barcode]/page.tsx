import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { BARCODE_RE } from "@/lib/biobank/catalog";
import { formatDateTime, formatQuantity, statusVariant } from "@/lib/biobank/format";
import { aliquotTree, custodyOf, specimenByBarcode } from "@/lib/biobank/queries/specimens";
import { boxesWithSpace } from "@/lib/biobank/queries/storage";
import { labelSheetHref } from "@/lib/biobank/label-sheet";
import { isStorable, statusChoices } from "@/lib/biobank/status";
import type { SpecimenStatus } from "@/lib/enums";
import { pageOf, param } from "@/lib/reads/paging";
import { localizedPair } from "@/lib/i18n/localized";
import { routeParam } from "@/lib/http/route-param";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { BoxChooser } from "@/app/(portal)/biobank/_components/box-chooser";
import { SpecimenActions } from "@/app/(portal)/biobank/_components/specimen-actions";

export default async function SpecimenPage({ params, searchParams }: { params: Promise<{ barcode: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const barcode = routeParam((await params).barcode, BARCODE_RE);
  const s = await specimenByBarcode(actor, barcode);
  if (!s) notFound();
  const [t, locale, sp] = [await getTranslations("biobank"), await getLocale(), await searchParams];
  const tm = await getTranslations("molecular");
  const mayStore = s.writable && can(actor, "biobank.storage.manage");
  const storable = isStorable(s.status as SpecimenStatus);
  const boxq = param(sp.boxq, 40);
  const [tree, custody, boxes] = await Promise.all([
    aliquotTree(actor, s.id),
    custodyOf(actor, s.id),
    mayStore && storable ? boxesWithSpace(actor, s.holderCentreId, { q: boxq, page: pageOf(sp.boxpage) }) : Promise.resolve(null),
  ]);
  const facts: [string, React.ReactNode][] = [
    [t("fields.type"), `${t(`categories.${s.category}`)} · ${t(`types.${s.type}`)}`],
    [t("fields.status"), <Badge key="s" variant={statusVariant(s.status)} data-testid="specimen-status">{t(`statuses.${s.status}`)}</Badge>],
    [t("fields.centre"), `${s.centreCode} · ${localizedPair(s.centreNameZh, s.centreNameEn, locale)}`],
    [t("fields.holder"), s.holderCode],
    [s.donorCode ? t("fields.donorCode") : t("fields.subjectCode"), <span key="c" className="font-mono">{s.donorCode ?? s.subjectCode ?? "—"}</span>],
    [t("fields.collectedAt"), formatDateTime(s.collectedAt)],
    [t("fields.quantity"), `${formatQuantity(s.quantity)} ${t(`units.${s.unit}`)}`],
    [t("fields.consent"), s.donorCode ? t("specimen.consentOfDonor", { consent: t(`consent.${s.futureConsent}`) }) : s.subjectCode ? t("specimen.consentOfParticipant", { consent: t(`consent.${s.futureConsent}`) }) : t(`consent.${s.futureConsent}`)],
    [t("fields.location"), <span key="l" data-testid="specimen-location">{s.location ?? t("specimen.notStored")}</span>],
  ];
  return (
    <div className="space-y-4">
      <BiobankTabs actor={actor} current="search" />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">
          {t("specimen.heading", { barcode: s.barcode })}
        </h1>
        <div className="flex flex-wrap items-center gap-4">
          {s.subjectCode && can(actor, "molecular.order") ? (
            <Link prefetch={false} href={`/molecular/new?specimen=${s.barcode}`} className="text-sm text-primary hover:underline" data-testid="order-molecular-test">
              {tm("actions.order")}
            </Link>
          ) : null}
          <Link prefetch={false} href={labelSheetHref([s.barcode])} className="text-sm text-primary hover:underline">
            {t("specimen.printLabel")}
          </Link>
        </div>
      </div>
      {sp.registered ? (
        <p role="status" data-testid="registered" className="text-sm text-success">
          {t("specimen.registered", { barcode: s.barcode })}{" "}
          {t(s.donorCode ? "specimen.consentFromDonor" : "specimen.consentFromParticipant", { consent: t(`consent.${s.futureConsent}`) })}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardContent className="pt-4">
            <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-2 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>{t("specimen.tree")}</CardTitle></CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm" data-testid="aliquot-tree">
              {tree.map((n) => (
                <li key={n.id} style={{ paddingLeft: `${n.depth * 1.25}rem` }} className="flex flex-wrap items-center gap-2">
                  {n.depth > 0 ? <span aria-hidden className="text-muted-foreground">└</span> : null}
                  {n.id === s.id ? <strong className="font-mono">{n.barcode}</strong> : <Link prefetch={false} className="font-mono text-primary hover:underline" href={`/biobank/specimens/${n.barcode}`}>{n.barcode}</Link>}
                  <span>{t(`types.${n.type}`)}</span>
                  <span>{formatQuantity(n.quantity)} {t(`units.${n.unit}`)}</span>
                  <Badge variant={statusVariant(n.status)}>{t(`statuses.${n.status}`)}</Badge>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
      {s.writable ? (
        <SpecimenActions
          specimen={{ barcode: s.barcode, type: s.type, quantity: formatQuantity(s.quantity), unit: s.unit, status: s.status, stored: s.boxId !== null, storable }}
          placement={boxes ? <BoxChooser barcode={s.barcode} holderCode={s.holderCode} q={boxq} boxes={boxes} /> : null}
          statusChoices={statusChoices(s.status as SpecimenStatus)}
          mayStore={mayStore}
          mayChangeStatus={can(actor, "biobank.specimen.status")}
          mayShip={can(actor, "biobank.transfer.manage")}
        />
      ) : (
        <p className="text-sm text-muted-foreground">{t("specimen.readOnly")}</p>
      )}
      <Card>
        <CardHeader><CardTitle>{t("specimen.custody")}</CardTitle></CardHeader>
        <CardContent>
          <Table data-testid="custody">
            <THead>
              <tr><TH>{t("specimen.when")}</TH><TH>{t("specimen.event")}</TH><TH>{t("specimen.where")}</TH><TH>{t("specimen.who")}</TH><TH>{t("specimen.detail")}</TH></tr>
            </THead>
            <TBody>
              {custody.map((c) => (
                <TR key={c.id}>
                  <TD className="whitespace-nowrap">{formatDateTime(c.at)}</TD>
                  <TD>{t(`events.${c.event}`)}</TD>
                  <TD>{c.centreCode}</TD>
                  <TD>{c.userName ?? "—"}</TD>
                  <TD className="text-xs">{[c.transferCode, c.detail].filter(Boolean).join(" · ")}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
