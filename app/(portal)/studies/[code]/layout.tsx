import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { localized } from "@/lib/i18n/localized";
import { studyAccessNote } from "@/lib/studies/access-note";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { routeParam } from "@/lib/http/route-param";
import { StatusBadge } from "@/app/(portal)/studies/_components/status-badge";
import { SectionTabs } from "@/components/navigation/section-tabs";

export default async function StudyLayout({ children, params }: { children: React.ReactNode; params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "study.read")) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, locale] = [await getTranslations("studies"), await getLocale()];
  const te = await getTranslations("enrolment");
  const note = studyAccessNote(actor, study);
  // Enrolment sections (issue 4): participant-level ones only for roles that see participant rows.
  const enrolmentTabs = [...(can(actor, "participant.read") ? ["screening", "participants"] : []), "consort"].map((href) => ({ href, label: te(`tabs.${href}`) }));
  // Case report forms (issue 14): the forms tab for whoever reads form definitions.
  const formsTab = can(actor, "crf.read") ? [{ href: "forms", label: (await getTranslations("crf.designer"))("tab") }] : [];
  // Analysis exports (issue 15): for whoever may read the study's participants.
  const exportTab = can(actor, "exchange.export") ? [{ href: "export", label: (await getTranslations("exchange"))("tab") }] : [];
  const tabs = [...["", "protocol", "sites", "team"].map((href) => ({ href, label: t(`tabs.${href || "overview"}`) })), ...formsTab, ...enrolmentTabs, { href: "follow-up", label: t("tabs.followUp") }, { href: "history", label: t("tabs.history") }, ...exportTab];
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <code data-testid="study-code">{study.code}</code>
          <StatusBadge status={study.status} label={t(`status.${study.status}`)} />
          {study.registryNo ? <span>{study.registryNo}</span> : null}
        </p>
        <h1 className="text-xl font-semibold">{localized(study, locale)}</h1>
        {note ? (
          <p className="text-xs text-muted-foreground" data-testid="read-only-note">
            {note === "readOnlySiteWork"
              ? t("overview.readOnlySiteWork", { screening: te("tabs.screening"), participants: te("tabs.participants"), followUp: t("tabs.followUp") })
              : t("overview.readOnly")}
          </p>
        ) : null}
      </div>
      <SectionTabs base={`/studies/${study.code}`} tabs={tabs} label={t("tabs.label")} />
      {children}
    </div>
  );
}
