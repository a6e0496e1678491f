"use client";

import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { readNotificationsAction } from "@/app/(portal)/notifications/actions";

export function ReadButton({ id, label }: { id: number | "all"; label: string }) {
  return (
    <ActionForm action={readNotificationsAction}>
      <input type="hidden" name="notificationId" value={id} />
      <SubmitButton variant="outline" size="sm">
        {label}
      </SubmitButton>
    </ActionForm>
  );
}
