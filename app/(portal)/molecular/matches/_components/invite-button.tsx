"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { inviteFromSiteListAction, inviteFromStudyListAction } from "@/app/(portal)/molecular/matches/actions";

/** "Invite to screening" for one match: the button's request key makes a double click one invitation. */
export function InviteButton({ owner, ownerId, studyId, from, testId }: { owner: "participant" | "donor"; ownerId: number; studyId: number; from: "site" | "study"; testId: string }) {
  const t = useTranslations("molecular.matching");
  return (
    <ActionForm action={from === "site" ? inviteFromSiteListAction : inviteFromStudyListAction} className="flex flex-col gap-1">
      <input type="hidden" name={owner === "donor" ? "donorId" : "participantId"} value={ownerId} />
      <input type="hidden" name="studyId" value={studyId} />
      <RequestKeyField />
      <SubmitButton size="sm" variant="outline" data-testid={testId}>
        {t("invite")}
      </SubmitButton>
    </ActionForm>
  );
}
