"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { unverifyFormAction, verifyFormAction } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/actions";

/** Source data verification of the whole form (monitors, the PI); a verified form can be reopened for correction. */
export function VerifyForm({ instanceId, version, verified }: { instanceId: number; version: number; verified: boolean }) {
  const t = useTranslations("crf.entry.verify");
  const tEntry = useTranslations("crf.entry");
  const router = useRouter();
  const [pending, setPending] = React.useState(false);
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  async function run() {
    if (pending) return;
    setPending(true);
    const r = await (verified ? unverifyFormAction : verifyFormAction)({ instanceId, expectedVersion: version }).catch(() => null);
    setPending(false);
    setMessage(!r ? { ok: false, text: tEntry("sendFailed") } : r.ok ? { ok: true, text: verified ? t("unverified") : t("done") } : { ok: false, text: r.message });
    if (r?.ok) router.refresh();
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant={verified ? "outline" : "default"} onClick={run} disabled={pending} data-testid={verified ? "unverify-form" : "verify-form"}>
        {verified ? t("unverify") : t("mark")}
      </Button>
      {message ? (
        <p role="status" className={message.ok ? "text-sm text-success" : "text-sm text-destructive"} data-testid={message.ok ? "verify-success" : "verify-error"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
