import type { DashboardAccrual, DashboardFigures, DashboardLists, DashboardShell } from "@/lib/metrics/dashboard-data";
import { LiveAccrual } from "@/app/(portal)/dashboard/_components/live-accrual";
import { LiveKpis } from "@/app/(portal)/dashboard/_components/live-kpis";
import { LiveLists } from "@/app/(portal)/dashboard/_components/live-lists";
import { LiveTree } from "@/app/(portal)/dashboard/_components/live-tree";

/*
 * The dashboard's streamed blocks: each awaits its own read (started by the page) inside its
 * Suspense boundary and hands the data to a client block that keeps it live. A read that finds
 * nothing (a view outside the reach cannot get here: the shell answered 404) renders nothing.
 */

export async function FiguresBlock({ figures, shell }: { figures: Promise<DashboardFigures | null>; shell: DashboardShell }) {
  const data = await figures;
  return data ? <LiveKpis initial={data} shell={shell} /> : null;
}

export async function TreeBlock({ figures }: { figures: Promise<DashboardFigures | null> }) {
  const data = await figures;
  return data ? <LiveTree initial={data} /> : null;
}

export async function AccrualBlock({ accrual, shell }: { accrual: Promise<DashboardAccrual | null>; shell: DashboardShell }) {
  const data = await accrual;
  return data ? <LiveAccrual initial={data} rootCode={shell.root.code} /> : null;
}

export async function ListsBlock({ lists, shell }: { lists: Promise<DashboardLists | null>; shell: DashboardShell }) {
  const data = await lists;
  return data ? <LiveLists initial={data} shell={shell} /> : null;
}
