import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { studyForEnrolmentPages } from "@/lib/enrolment/queries/enrolment-study";
import { ownEligibleScreening, siteWorkContext } from "@/lib/enrolment/queries/screenings";
import { networkToday } from "@/lib/time/network-day";
import { routeParam, routeId } from "@/lib/http/route-param";
import { EnrolForm } from "@/app/(portal)/studies/[code]/screening/_components/enrol-form";

export default async function EnrolPage({ params }: { params: Promise<{ code: string; screeningId: string }> }) {
  const [code, screeningId] = [routeParam((await params).code), routeId((await params).screeningId)];
  const actor = await getActor();
  if (!actor || !can(actor, "participant.enrol")) notFound();
  const study = await studyForEnrolmentPages(actor, code);
  if (!study) notFound();
  const screening = await ownEligibleScreening(actor, study.id, screeningId);
  if (!screening) notFound();
  // Already enrolled (this form's own submit re-renders the page too): show the participant.
  if (screening.subjectCode) redirect(`/studies/${study.code}/participants/${screening.subjectCode}`);
  const work = await siteWorkContext(actor, study.id);
  if (!work) notFound();
  const t = await getTranslations("enrolment");
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>
            {t("enrol.title")} · {t("enrol.screeningRef", { id: screening.id, date: screening.screenedOn })}
          </CardTitle>
        </CardHeader>
        <CardContent>
          {work.open ? (
            <EnrolForm
              studyId={study.id}
              studyCode={study.code}
              siteId={work.site.id}
              screeningId={screening.id}
              today={networkToday()}
              randomized={study.design === "randomized"}
              consents={work.consents}
              factors={work.factors}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{t("screening.closed")}</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
