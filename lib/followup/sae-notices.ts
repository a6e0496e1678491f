import type { Db } from "@/db/client";
import type { AdverseEvent, Participant, Study } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { notify } from "@/lib/notifications/notify";
import { networkAdmins, studyPi } from "@/lib/followup/recipients";
import { isLateReport } from "@/lib/followup/sae-clock";

/** A serious AE was reported: the study's PI and the hub (network administrators) are told, once per event and person. */
export async function noticeSaeReported(tx: Db, actor: Pick<Actor, "id">, ae: AdverseEvent, participant: Participant, study: Study): Promise<number> {
  const late = ae.reportedAt ? isLateReport(ae.awareAt, ae.reportedAt) : false;
  return notify(
    tx,
    [
      {
        kind: "sae_reported",
        recipients: [...(await studyPi(tx, study.id)), ...(await networkAdmins(tx))],
        studyId: study.id,
        participantId: participant.id,
        entityType: "adverse_event",
        entityId: ae.id,
        params: { subjectCode: participant.subjectCode, studyCode: study.code, term: ae.term, grade: ae.grade, late },
      },
    ],
    { except: actor.id },
  );
}
