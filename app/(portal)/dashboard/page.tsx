import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { parseDashboardParams } from "@/lib/metrics/params";
import { getDashboard } from "@/lib/metrics/queries/dashboard";
import { DashboardView } from "@/app/(portal)/dashboard/_components/dashboard-view";

type SP = Promise<Record<string, string | string[] | undefined>>;

/** The landing page after sign-in: figures of the actor's part of the network, refreshed live. */
export default async function DashboardPage({ searchParams }: { searchParams: SP }) {
  const actor = await getActor();
  if (!actor) notFound();
  const data = await getDashboard(actor, parseDashboardParams(await searchParams));
  if (!data) notFound();
  return <DashboardView initial={data} />;
}
