"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { revokeMyToken } from "@/app/account/tokens/actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const t = useTranslations("api.tokens");
  return (
    <ActionForm action={revokeMyToken} className="space-y-1">
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="outline" size="sm" aria-label={`${t("revoke")} ${name}`}>
        {t("revoke")}
      </SubmitButton>
    </ActionForm>
  );
}
