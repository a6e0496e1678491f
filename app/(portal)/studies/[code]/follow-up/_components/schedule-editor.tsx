"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { AmendmentFields } from "@/app/(portal)/studies/_components/amendment-fields";
import { RowsEditor, type RowColumn } from "@/app/(portal)/studies/_components/rows-editor";
import { setVisitScheduleAction } from "@/app/(portal)/studies/[code]/follow-up/actions";

/** The PI edits the visit schedule; once recruiting, saving is a protocol amendment. */
export function ScheduleEditor({ studyId, amend, initial }: { studyId: number; amend: boolean; initial: Record<string, string>[] }) {
  const t = useTranslations("followup.schedule");
  const cols: RowColumn[] = [
    { name: "code", label: t("code"), width: "w-24" },
    { name: "nameZh", label: t("nameZh") },
    { name: "nameEn", label: t("nameEn") },
    { name: "targetDay", label: t("targetDay"), type: "number", width: "w-32" },
    { name: "windowDays", label: t("windowDays"), type: "number", width: "w-28" },
  ];
  return (
    <ActionForm action={setVisitScheduleAction} successMessage={t("saved")} id="schedule-form">
      <input type="hidden" name="studyId" value={studyId} />
      <RowsEditor columns={cols} initial={initial} testId="schedule-editor" />
      <AmendmentFields needed={amend} />
      <SubmitButton size="sm">{t("save")}</SubmitButton>
    </ActionForm>
  );
}
