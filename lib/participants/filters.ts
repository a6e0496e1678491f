import { PARTICIPANT_STATUSES } from "@/db/enums";
import { isCentreCode } from "@/lib/network/centre-code";
import { pageOf, param } from "@/lib/reads/paging";

export const PARTICIPANT_PAGE_SIZE = 25;

type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export type ParticipantFilters = { site: string; status: ParticipantStatus | ""; q: string; page: number };

type SearchParams = Record<string, string | string[] | undefined>;

/** The participant list's filters from a page's search params: anything unknown is dropped. */
export function parseParticipantFilters(sp: SearchParams): ParticipantFilters {
  const [site, status] = [param(sp.site), param(sp.status)];
  return {
    site: isCentreCode(site) ? site : "",
    status: (PARTICIPANT_STATUSES as readonly string[]).includes(status) ? (status as ParticipantStatus) : "",
    q: param(sp.q).toUpperCase().slice(0, 40),
    page: pageOf(sp.page),
  };
}
