import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { auditActionLabel } from "@/lib/audit/action-label";
import type { ParticipantDetail } from "@/lib/participants/queries/participant-detail";

/** screened → enrolled → randomized → (transfers) → withdrawn / completed, then the audit history. */
export async function ParticipantTimeline({ p }: { p: ParticipantDetail }) {
  const [t, ta] = [await getTranslations("enrolment"), await getTranslations("auditActions")];
  const steps: { label: string; when: string; note?: string }[] = [
    { label: t("detail.screened"), when: p.screenedOn },
    { label: t("detail.enrolled"), when: p.enrolledOn, note: p.subjectCode },
  ];
  if (p.randomizedAt) steps.push({ label: t("detail.randomized"), when: p.randomizedAt });
  for (const tr of p.transfers) steps.push({ label: t("detail.transferred"), when: tr.on, note: t("detail.transferLine", { on: tr.on, from: tr.fromCode, to: tr.toCode, reason: tr.reason }) });
  if (p.withdrawnOn) steps.push({ label: t("detail.withdrawn"), when: p.withdrawnOn, note: p.withdrawalReason ? t(`withdrawalReasons.${p.withdrawalReason}`) : undefined });
  if (p.status === "completed") steps.push({ label: t("detail.completed"), when: "" });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>{t("detail.timeline")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="relative space-y-3 border-l border-border pl-4" data-testid="timeline">
            {steps.map((s, i) => (
              <li key={i} className="text-sm">
                <span className="absolute -left-1.5 mt-1.5 size-3 rounded-full bg-primary" aria-hidden />
                <span className="font-medium">{s.label}</span> <span className="text-muted-foreground">{s.when}</span>
                {s.note ? <div className="text-muted-foreground">{s.note}</div> : null}
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("detail.history")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="space-y-1 text-sm">
            {p.history.map((h, i) => (
              <li key={i}>
                <span className="text-muted-foreground">{h.at}</span> · {auditActionLabel(ta, h.action)}
                {h.byName ? ` · ${h.byName}` : ""}
                {h.reason ? <span className="text-muted-foreground"> — {h.reason}</span> : null}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
