import { SCREENING_OUTCOMES } from "@/db/enums";
import { isCentreCode } from "@/lib/network/centre-code";
import { pageOf, param } from "@/lib/reads/paging";

export const SCREENING_PAGE_SIZE = 25;

type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export type ScreeningFilters = { site: string; outcome: ScreeningOutcome | ""; page: number };

type SearchParams = Record<string, string | string[] | undefined>;

/** The screening log's filters from a page's search params: anything unknown is dropped. */
export function parseScreeningFilters(sp: SearchParams): ScreeningFilters {
  const [site, outcome] = [param(sp.site), param(sp.outcome)];
  return {
    site: isCentreCode(site) ? site : "",
    outcome: (SCREENING_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as ScreeningOutcome) : "",
    page: pageOf(sp.page),
  };
}
