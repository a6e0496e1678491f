"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ShieldCheck } from "lucide-react";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ActionResult } from "@/lib/actions/result";
import type { ChainReport } from "@/lib/audit/verify";
import { verifyAuditChainAction } from "@/app/(portal)/audit/actions";

/** Runs the chain check on the server (itself an audited action) and says what it found. */
export function VerifyButton() {
  const t = useTranslations("audit");
  const [state, run] = useActionState(
    verifyAuditChainAction as unknown as (s: ActionResult<ChainReport> | null, fd: FormData) => Promise<ActionResult<ChainReport>>,
    null,
  );
  let text: string | null = null;
  let good = false;
  if (state?.ok) {
    good = state.data.ok;
    text = state.data.ok ? t("intact", { count: state.data.checked }) : t("broken", { id: state.data.brokenId, problem: t(`problems.${state.data.problem}`) });
  } else if (state) {
    text = state.message;
  }
  return (
    <form action={run} className="flex flex-wrap items-center gap-3">
      <SubmitButton variant="outline" data-testid="verify-chain">
        <ShieldCheck className="size-4" aria-hidden />
        {t("verify")}
      </SubmitButton>
      {text ? (
        <p role="status" data-testid="verify-result" className={good ? "text-sm font-medium text-green-800" : "text-sm font-medium text-destructive"}>
          {text}
        </p>
      ) : null}
    </form>
  );
}
