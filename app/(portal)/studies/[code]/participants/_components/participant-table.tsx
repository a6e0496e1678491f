import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { localizedPair } from "@/lib/i18n/localized";
import type { ParticipantRow } from "@/lib/participants/queries/participants";

/** Participant rows: subject code only, never a direct identifier. */
export async function ParticipantTable({ rows, showStudy }: { rows: ParticipantRow[]; showStudy?: boolean }) {
  const [t, locale] = [await getTranslations("enrolment"), await getLocale()];
  return (
    <Table data-testid="participants-table">
      <THead>
        <TR>
          <TH>{t("participants.code")}</TH>
          {showStudy ? <TH>{t("participants.study")}</TH> : null}
          <TH>{t("participants.site")}</TH>
          <TH>{t("participants.enrolledOn")}</TH>
          <TH>{t("participants.arm")}</TH>
          <TH>{t("participants.status")}</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.id}>
            <TD className="whitespace-nowrap">
              <Link prefetch={false} href={`/studies/${r.studyCode}/participants/${r.subjectCode}`} className="font-mono text-primary hover:underline">
                {r.subjectCode}
              </Link>
              {r.inOtherStudy ? (
                <Badge variant="warning" className="ml-2" title={t("participants.otherStudyHint")}>
                  {t("participants.otherStudy")}
                </Badge>
              ) : null}
            </TD>
            {showStudy ? (
              <TD>
                <code className="text-xs">{r.studyCode}</code>
              </TD>
            ) : null}
            <TD className="min-w-40">
              <code className="text-xs">{r.centreCode}</code> {localizedPair(r.centreNameZh, r.centreNameEn, locale)}
            </TD>
            <TD className="whitespace-nowrap">{r.enrolledOn}</TD>
            <TD>{r.armCode ? `${r.armCode} · ${localizedPair(r.armNameZh ?? r.armCode, r.armNameEn, locale)}` : r.blinded ? <Badge variant="muted">{t("participants.blinded")}</Badge> : "—"}</TD>
            <TD>
              <Badge variant={r.status === "withdrawn" ? "warning" : r.status === "completed" ? "muted" : "success"}>{t(`status.${r.status}`)}</Badge>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
