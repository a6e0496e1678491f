import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getActor } from "@/lib/auth/actor";
import { parseDashboardParams } from "@/lib/metrics/params";
import { getDashboardAccrual, getDashboardBody, getDashboardShell } from "@/lib/metrics/queries/dashboard";
import { AccrualBlock, FiguresBlock, ListsBlock, TreeBlock } from "@/app/(portal)/dashboard/_components/blocks";
import { DashboardHeader } from "@/app/(portal)/dashboard/_components/dashboard-header";
import { BlockSkeleton } from "@/app/(portal)/dashboard/_components/block-skeleton";

type SP = Promise<Record<string, string | string[] | undefined>>;

/**
 * The landing page after sign-in: figures of the actor's part of the network. The shell (where
 * the view is, its filters) is sent at once; each block streams in as its data arrives (the
 * figures and lists come from one read, the chosen study's accrual from another; both start
 * together), then refreshes itself live from GET /api/dashboard?part=….
 */
export default async function DashboardPage({ searchParams }: { searchParams: SP }) {
  const actor = await getActor();
  if (!actor) notFound();
  const params = parseDashboardParams(await searchParams);
  const shell = await getDashboardShell(actor, params);
  if (!shell) notFound();
  // Both reads start now; each block waits only for its own.
  const body = getDashboardBody(actor, params);
  const accrual = shell.study ? getDashboardAccrual(actor, params) : null;
  return (
    <div className="space-y-6">
      <DashboardHeader shell={shell} />
      <Suspense fallback={<BlockSkeleton kind="kpis" />}>
        <FiguresBlock body={body} shell={shell} />
      </Suspense>
      {accrual ? (
        <Suspense fallback={<BlockSkeleton kind="chart" />}>
          <AccrualBlock accrual={accrual} shell={shell} />
        </Suspense>
      ) : null}
      <Suspense fallback={<BlockSkeleton kind="table" />}>
        <TreeBlock body={body} />
      </Suspense>
      <Suspense fallback={<BlockSkeleton kind="table" />}>
        <ListsBlock body={body} shell={shell} />
      </Suspense>
    </div>
  );
}
