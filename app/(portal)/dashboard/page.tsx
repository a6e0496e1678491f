import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getActor } from "@/lib/auth/actor";
import { CompletionCard } from "@/components/crf/completion-card";
import { studyCompletion } from "@/lib/crf/queries/completion";
import { parseDashboardParams } from "@/lib/metrics/params";
import { getDashboardAccrual, getDashboardBody, getDashboardMolecular, getDashboardShell } from "@/lib/metrics/queries/dashboard";
import { AccrualBlock, FiguresBlock, ListsBlock, TreeBlock } from "@/app/(portal)/dashboard/_components/blocks";
import { DashboardHeader } from "@/app/(portal)/dashboard/_components/dashboard-header";
import { BlockSkeleton } from "@/app/(portal)/dashboard/_components/block-skeleton";
import { MolecularBlock } from "@/app/(portal)/dashboard/_components/molecular-block";

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
  const molecular = getDashboardMolecular(actor, params);
  // A study view also shows that study's data-entry figures by site (counts only; one read).
  const crf = shell.study ? studyCompletion(actor, shell.study.id) : null;
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
      <Suspense fallback={<BlockSkeleton kind="table" />}>
        <MolecularBlock molecular={molecular} />
      </Suspense>
      {crf ? (
        <Suspense fallback={<BlockSkeleton kind="table" />}>
          <CompletionCard completion={crf} testId="crf-figures" />
        </Suspense>
      ) : null}
    </div>
  );
}
