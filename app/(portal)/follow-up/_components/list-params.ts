import "server-only";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { pageOf, param } from "@/lib/reads/paging";

export type ListSearch = Promise<Record<string, string | string[] | undefined>>;

export async function loadList(searchParams: ListSearch) {
  const actor = await getActor();
  if (!actor || !can(actor, "followup.read")) notFound();
  const sp = await searchParams;
  const statusRaw = param(sp.status, 10);
  const status = statusRaw === "open" || statusRaw === "answered" || statusRaw === "closed" ? statusRaw : "";
  return { actor, sp, study: param(sp.study, 20), status: status as "" | "open" | "answered" | "closed", page: pageOf(sp.page) };
}
