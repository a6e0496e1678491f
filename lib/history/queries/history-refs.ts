import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { centreScope } from "@/lib/authz/scope";
import { listableCentres } from "@/lib/network/scope";
import type { RefIds, RefNames } from "@/lib/history/ref-ids";
import { defineQuery } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

const NONE: RefNames = { centres: {}, users: {} };

/**
 * Codes of the centres and names of the people that events on a history page name by id, as far
 * as the reader may see them elsewhere: centres they may list or that run a study they see (its
 * lead centre and sites); people in their part of the network or on a study they see (its PI,
 * team and site PIs, as the study's pages show them). Any other id stays a bare reference.
 */
export const historyRefs = defineQuery({
  permission: ["audit.read", "study.read"],
  run: async (actor, ids: RefIds): Promise<RefNames> => {
    if (!ids.centreIds.length && !ids.userIds.length) return NONE;
    const db = await getDb();
    const list = (xs: number[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql`null`);
    const centres = ids.centreIds.length
      ? await queryRows<{ id: number; code: string }>(
          db,
          sql`select organisations.id, organisations.code from organisations where organisations.id in (${list(ids.centreIds)}) and (${listableCentres(actor)}
            or exists (select 1 from studies s where s.lead_centre_id = organisations.id and ${studyScope(actor, sql`s.id`)})
            or exists (select 1 from study_sites ss where ss.centre_id = organisations.id and ${studyScope(actor, sql`ss.study_id`)}))`,
        )
      : [];
    const people = ids.userIds.length
      ? await queryRows<{ id: number; name: string }>(
          db,
          sql`select u.id, u.name from users u where u.id in (${list(ids.userIds)}) and (${centreScope(actor, sql`u.centre_id`)}
            or exists (select 1 from studies s where s.pi_user_id = u.id and ${studyScope(actor, sql`s.id`)})
            or exists (select 1 from study_team tm where tm.user_id = u.id and ${studyScope(actor, sql`tm.study_id`)})
            or exists (select 1 from study_sites ss where ss.site_pi_user_id = u.id and ${studyScope(actor, sql`ss.study_id`)}))`,
        )
      : [];
    return {
      centres: Object.fromEntries(centres.map((c) => [Number(c.id), c.code])),
      users: Object.fromEntries(people.map((p) => [Number(p.id), p.name])),
    };
  },
  otherwise: (_ids: RefIds): RefNames => NONE,
});
