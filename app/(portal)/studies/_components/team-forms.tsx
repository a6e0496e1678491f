"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input, Label } from "@/components/ui/input";
import { STUDY_TEAM_ROLES } from "@/lib/enums";
import { addTeamMemberAction, removeTeamMemberAction } from "@/app/(portal)/studies/[code]/team/actions";

/** The PI is set on the study itself, so it is not a role to grant here. */
const ROLES = STUDY_TEAM_ROLES.filter((r) => r !== "pi");

export function AddMemberForm({ studyId }: { studyId: number }) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={addTeamMemberAction} className="space-y-3" successMessage={t("team.added")} resetOnSuccess>
      <input type="hidden" name="studyId" value={studyId} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="email" type="email" label={t("field.email")} />
        <SelectField name="studyRole" label={t("field.studyRole")} options={ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))} />
      </div>
      <SubmitButton data-testid="add-member">{t("team.add")}</SubmitButton>
    </ActionForm>
  );
}

export function RemoveMemberForm({ studyId, memberId, name }: { studyId: number; memberId: number; name: string }) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={removeTeamMemberAction} className="flex flex-wrap items-end gap-2 space-y-0">
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="memberId" value={memberId} />
      <Label htmlFor={`reason-${memberId}`} className="sr-only">
        {t("field.reason")}
      </Label>
      <Input id={`reason-${memberId}`} name="reason" placeholder={t("field.reason")} className="h-8 w-40" />
      <SubmitButton size="sm" variant="outline" aria-label={t("team.removeMember", { name })}>
        {t("team.remove")}
      </SubmitButton>
    </ActionForm>
  );
}
