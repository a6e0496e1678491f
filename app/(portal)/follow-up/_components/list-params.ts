import "server-only";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { sweepDueNotices } from "@/lib/followup/due-notices";
import { queryShowOf, querySortOf, queryStatusOf } from "@/lib/followup/list-filters";
import { pageOf, param } from "@/lib/reads/paging";

export type ListSearch = Promise<Record<string, string | string[] | undefined>>;

/**
 * The actor and the list filters of a follow-up list page. Reading these pages is also when the
 * due-notice routine looks for visits that became overdue and SAE follow-ups that fell due.
 */
export async function loadList(searchParams: ListSearch) {
  const actor = await getActor();
  if (!actor || !can(actor, "followup.read")) notFound();
  await sweepDueNotices();
  const sp = await searchParams;
  return {
    actor,
    sp,
    study: param(sp.study, 20),
    status: queryStatusOf(param(sp.status, 10)),
    sort: querySortOf(param(sp.sort, 10)),
    show: queryShowOf(param(sp.show, 10)),
    page: pageOf(sp.page),
  };
}
