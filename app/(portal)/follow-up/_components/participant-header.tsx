import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { FollowupParticipant } from "@/lib/followup/queries/followup";
import { localizedPair } from "@/lib/i18n/localized";

export async function ParticipantHeader({ p, back }: { p: FollowupParticipant; back?: boolean }) {
  const [t, locale] = [await getTranslations("followup"), await getLocale()];
  return (
    <div className="space-y-1">
      {back ? (
        <Link href={`/follow-up/${p.subjectCode}`} className="text-sm text-primary underline underline-offset-2">
          ← {t("participant.back")}
        </Link>
      ) : null}
      <h1 className="text-xl font-semibold" data-testid="subject-code">
        {t("participant.heading", { code: p.subjectCode })}
      </h1>
      <p className="text-sm text-muted-foreground">
        {t("participant.study")}: <code>{p.studyCode}</code> {localizedPair(p.studyTitleZh, p.studyTitleEn, locale)} · {t("participant.site")}:{" "}
        {p.centreCode} {localizedPair(p.centreNameZh, p.centreNameEn, locale)} · {t("participant.enrolledOn")}: {p.enrolledOn} ·{" "}
        <Link href={`/studies/${p.studyCode}/follow-up`} className="text-primary underline underline-offset-2">
          {t("schedule.title")}
        </Link>
      </p>
    </div>
  );
}
