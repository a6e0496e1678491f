import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getActor } from "@/lib/auth/actor";
import { getStudyPage } from "@/lib/studies/queries/studies";
import { listStudyTeam } from "@/lib/studies/queries/team";
import { routeParam } from "@/lib/http/route-param";
import { AddMemberForm, RemoveMemberForm } from "@/app/(portal)/studies/_components/team-forms";

export default async function TeamPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await getActor();
  if (!actor) notFound();
  const study = await getStudyPage(actor, routeParam((await params).code));
  if (!study) notFound();
  const [t, members] = [await getTranslations("studies"), await listStudyTeam(actor, study.id)];
  const editable = study.manage && study.status !== "completed";
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("team.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          {members.length ? (
            <Table data-testid="team-table">
              <THead>
                <TR>
                  <TH>{t("team.name")}</TH>
                  <TH>{t("team.role")}</TH>
                  <TH>{t("team.centre")}</TH>
                  {editable ? <TH>{t("team.remove")}</TH> : null}
                </TR>
              </THead>
              <TBody>
                {members.map((m) => (
                  <TR key={m.id}>
                    <TD>
                      {m.name}
                      <span className="block text-xs text-muted-foreground">{m.email}</span>
                    </TD>
                    <TD>{t(`teamRole.${m.studyRole}`)}</TD>
                    <TD>{m.centreCode ?? "—"}</TD>
                    {editable ? <TD>{m.studyRole === "pi" && m.userId === study.piUserId ? "—" : <RemoveMemberForm studyId={study.id} memberId={m.id} name={m.name} />}</TD> : null}
                  </TR>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{t("team.noMembers")}</p>
          )}
        </CardContent>
      </Card>
      {editable ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("team.add")}</CardTitle>
          </CardHeader>
          <CardContent>
            <AddMemberForm studyId={study.id} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
