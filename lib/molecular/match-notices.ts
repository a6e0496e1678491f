import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { computeMatches } from "@/lib/molecular/match-engine";
import { notify } from "@/lib/notifications/notify";

/**
 * Tells the site staff of an order's participant about the recruiting studies its results now
 * match: once per (participant, study) and person (the notice's occurrence is the study, so a
 * later report that still matches writes nothing new). Read with the system's eyes: the
 * recipients are the participant's own site, who may see germline results too.
 */
export async function notifyMatchesOfOrder(tx: Db, orderId: number, except?: number): Promise<number> {
  const [order] = await queryRows<{ participantId: number; centreId: number }>(
    tx,
    sql`select mo.participant_id as "participantId", p.centre_id as "centreId" from molecular_orders mo join participants p on p.id = mo.participant_id where mo.id = ${orderId}`,
  );
  if (!order) return 0;
  const matches = await computeMatches(tx, { scope: sql`true`, results: sql`true`, participantIds: [order.participantId] });
  if (matches.length === 0) return 0;
  const staff = await queryRows<{ id: number }>(tx, sql`select id from users where role = 'site_staff' and centre_id = ${order.centreId} and not disabled order by id`);
  const recipients = staff.map((u) => u.id);
  return notify(
    tx,
    matches.map((m) => ({
      kind: "biomarker_match" as const,
      recipients,
      studyId: m.studyId,
      participantId: m.participantId,
      entityType: "participant" as const,
      entityId: m.participantId,
      occurrence: m.studyId,
      params: { subjectCode: m.subjectCode, studyCode: m.studyCode, criteria: m.evidence.map((e) => e.code).join(", ") },
    })),
    { except },
  );
}
