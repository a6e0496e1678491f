"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { syncScheduledEventsAction } from "@/app/(portal)/studies/[code]/forms/actions";

/** Shown when visits of the schedule in force have no event, or a differently labelled one. */
export function SyncEventsForm({ studyId, visits }: { studyId: number; visits: string[] }) {
  const t = useTranslations("crf.designer.events");
  const router = useRouter();
  return (
    <ActionForm action={syncScheduledEventsAction} className="space-y-2 rounded-md bg-muted p-3" onSuccess={() => router.refresh()}>
      <input type="hidden" name="studyId" value={studyId} />
      <p className="text-sm" data-testid="events-out-of-sync">
        {t("outOfSync", { visits: visits.join(", ") })}
      </p>
      <SubmitButton size="sm" variant="outline" data-testid="sync-events">
        {t("sync")}
      </SubmitButton>
    </ActionForm>
  );
}
