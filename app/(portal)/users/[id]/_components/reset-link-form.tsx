"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { formatNetworkInstant } from "@/lib/time/network-instant";
import type { IssuedReset } from "@/lib/users/commands/issue-password-reset";
import { resetPath } from "@/lib/users/paths";
import { issuePasswordResetAction } from "@/app/(portal)/users/actions";

/**
 * Issues a one-time reset link and shows it once, here, to the person who issued it: it is not
 * stored anywhere it could be read again (only its hash is), so a lost link means a new one.
 */
export function ResetLinkForm({ userId, hasOpenLink }: { userId: number; hasOpenLink: boolean }) {
  const t = useTranslations("users");
  const [issued, setIssued] = useState<{ link: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <ActionForm
        action={issuePasswordResetAction}
        id="issue-reset-link"
        onSuccess={(d: IssuedReset) => {
          setCopied(false);
          setIssued({ link: new URL(resetPath(d.token), window.location.origin).toString(), expiresAt: d.expiresAt });
        }}
      >
        <input type="hidden" name="userId" value={userId} />
        <p className="text-sm text-muted-foreground">{t("resetLinkHint")}</p>
        <SubmitButton variant="outline">{hasOpenLink || issued ? t("issueNewResetLink") : t("issueResetLink")}</SubmitButton>
      </ActionForm>
      {issued ? (
        <div role="status" data-testid="reset-link-issued" className="space-y-2 rounded-md border border-border bg-muted/40 p-3">
          <Label htmlFor="reset-link">{t("resetLinkLabel")}</Label>
          <div className="flex gap-2">
            <Input id="reset-link" readOnly value={issued.link} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="reset-link" />
            <Button
              type="button"
              variant="outline"
              onClick={async () => {
                await navigator.clipboard?.writeText(issued.link);
                setCopied(true);
              }}
            >
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">{t("resetLinkOnce", { expiresAt: formatNetworkInstant(issued.expiresAt) })}</p>
        </div>
      ) : null}
    </div>
  );
}
