import type { DashboardAccrual, DashboardBody, DashboardShell } from "@/lib/metrics/dashboard-data";
import { LiveAccrual } from "@/app/(portal)/dashboard/_components/live-accrual";
import { LiveKpis } from "@/app/(portal)/dashboard/_components/live-kpis";
import { LiveLists } from "@/app/(portal)/dashboard/_components/live-lists";
import { LiveTree } from "@/app/(portal)/dashboard/_components/live-tree";

/*
 * The dashboard's streamed blocks: each awaits its read (started by the page) inside its own
 * Suspense boundary and hands the data to a client block that keeps it live. A read that finds
 * nothing (a view outside the reach cannot get here: the shell answered 404) renders nothing.
 */

export async function FiguresBlock({ body, shell }: { body: Promise<DashboardBody | null>; shell: DashboardShell }) {
  const data = await body;
  return data ? <LiveKpis initial={data} shell={shell} /> : null;
}

export async function TreeBlock({ body }: { body: Promise<DashboardBody | null> }) {
  const data = await body;
  return data ? <LiveTree initial={data} /> : null;
}

export async function AccrualBlock({ accrual, shell }: { accrual: Promise<DashboardAccrual | null>; shell: DashboardShell }) {
  const data = await accrual;
  return data ? <LiveAccrual initial={data} rootCode={shell.root.code} /> : null;
}

export async function ListsBlock({ body, shell }: { body: Promise<DashboardBody | null>; shell: DashboardShell }) {
  const data = await body;
  return data ? <LiveLists initial={data} shell={shell} /> : null;
}
