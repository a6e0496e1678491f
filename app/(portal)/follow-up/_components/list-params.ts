import "server-only";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { QUERY_STATUSES, type QueryStatus } from "@/lib/enums";
import { pageOf, param } from "@/lib/reads/paging";

export type ListSearch = Promise<Record<string, string | string[] | undefined>>;

export async function loadList(searchParams: ListSearch) {
  const actor = await getActor();
  if (!actor || !can(actor, "followup.read")) notFound();
  const sp = await searchParams;
  const statusRaw = param(sp.status, 10);
  const status: QueryStatus | "" = QUERY_STATUSES.find((s) => s === statusRaw) ?? "";
  return { actor, sp, study: param(sp.study, 20), status, page: pageOf(sp.page) };
}
