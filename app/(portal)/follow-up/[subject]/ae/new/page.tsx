import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { toNetworkLocal } from "@/lib/time/network-day";
import { AeForm } from "@/app/(portal)/follow-up/_components/ae-form";
import { loadParticipantPage } from "@/app/(portal)/follow-up/_components/load";
import { ParticipantHeader } from "@/app/(portal)/follow-up/_components/participant-header";

export default async function NewAePage({ params }: { params: Promise<{ subject: string }> }) {
  const { participant: p } = await loadParticipantPage(params);
  if (!p.canRecord) notFound();
  const t = await getTranslations("followup");
  const now = toNetworkLocal(new Date());
  return (
    <div className="space-y-6">
      <ParticipantHeader p={p} back />
      <Card>
        <CardHeader>
          <CardTitle>{t("ae.new")}</CardTitle>
        </CardHeader>
        <CardContent>
          <AeForm
            participantId={p.id}
            reported={false}
            initial={{ term: "", meddraCode: null, category: "general", grade: "1", onsetOn: now.slice(0, 10), endedOn: "", seriousCriteria: [], relatedness: "possible", actionTaken: "none", outcome: "recovering", awareAt: now }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
