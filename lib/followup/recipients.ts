import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { NetworkRole } from "@/lib/enums";
import { isStudyPi } from "@/lib/studies/scope";
import { mayRaiseQueries, monitorsOf, siteStaffOf } from "@/lib/followup/scope";

/**
 * Who is told about follow-up events, as user ids for lib/notifications (which decides nothing
 * about people). Disabled accounts are never listed.
 */

const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id));

/** The site staff of a centre: they record, correct and answer for the participants currently there. */
export async function siteStaff(tx: Db, centreId: number): Promise<number[]> {
  return ids(await queryRows<{ id: number }>(tx, sql`select u.id from users u where not u.disabled and ${siteStaffOf(sql`${centreId}`)} order by u.id`));
}

/** The study's PI, by THE rule for "PI of this study" (lib/studies/scope.ts), or nobody. */
export async function studyPi(tx: Db, studyId: number): Promise<number[]> {
  const [row] = await queryRows<{ id: number; role: NetworkRole; piUserId: number }>(
    tx,
    sql`select u.id, u.role, s.pi_user_id as "piUserId" from studies s join users u on u.id = s.pi_user_id where s.id = ${studyId} and not u.disabled`,
  );
  return row && isStudyPi({ id: Number(row.id), role: row.role }, { piUserId: Number(row.piUserId) }) ? [Number(row.id)] : [];
}

/** The network's administrators (the hub), who oversee safety reporting across studies. */
export async function networkAdmins(tx: Db): Promise<number[]> {
  return ids(await queryRows<{ id: number }>(tx, sql`select u.id from users u where not u.disabled and u.role = 'network_admin' order by u.id`));
}

/** The study's monitors on its active team. */
export async function studyMonitors(tx: Db, studyId: number): Promise<number[]> {
  return ids(await queryRows<{ id: number }>(tx, sql`select u.id from users u where not u.disabled and ${monitorsOf(sql`${studyId}`)} order by u.id`));
}

/** Whether a user may still raise (and so close or re-open) queries on the study: the same rule as for the actor. */
export async function mayStillRaiseQueries(tx: Db, userId: number, studyId: number): Promise<boolean> {
  const [user] = await queryRows<{ id: number; role: NetworkRole; centreId: number; centrePath: string }>(
    tx,
    sql`select u.id, u.role, u.centre_id as "centreId", o.path as "centrePath" from users u join organisations o on o.id = u.centre_id
        where u.id = ${userId} and not u.disabled`,
  );
  if (!user) return false;
  const actor = { id: Number(user.id), role: user.role, centreId: Number(user.centreId), centrePath: user.centrePath };
  const [row] = await queryRows<{ ok: boolean }>(tx, sql`select ${mayRaiseQueries(actor, sql`${studyId}::int`)} as ok`);
  return Boolean(row?.ok);
}
