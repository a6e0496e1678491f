import { sql, type SQL } from "drizzle-orm";

/**
 * The token's study allow-list as a WHERE condition over a study id: null (a browser session or
 * an unlimited token) leaves the actor's scope as it is; a list only narrows it, an empty list to
 * nothing. It is applied beside the domain's scope predicate, never instead of it.
 */
export function studyAllowList(studyIds: readonly number[] | null, studyId: SQL): SQL {
  if (studyIds === null) return sql`true`;
  const ids = studyIds.filter((i) => Number.isInteger(i) && i > 0 && i <= 2_147_483_647);
  if (ids.length === 0) return sql`false`;
  return sql`${studyId} in (${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;
}

/** Who asks, as the FHIR reads need it: the user (scope) and the token's allow-list. */
export type FhirCaller<A> = { actor: A; studyIds: number[] | null };
