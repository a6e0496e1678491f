import { projectTarget, type Projection } from "@/lib/metrics/derive";

/**
 * The one target of a view, used alike by its KPI cards, its accrual chart and its projection,
 * and named on the page: a study seen whole (at the network's root, by an actor who reaches the
 * whole network) is measured against the study's own target; any other view against the sum of
 * its sites' targets there (a part of the network, or every study at once).
 */
export type ViewTarget = { value: number; source: "study" | "sites" };

export function viewTarget(study: { targetEnrolment: number } | null, wholeNetwork: boolean, sitesTarget: number): ViewTarget {
  return study && wholeNetwork ? { value: study.targetEnrolment, source: "study" } : { value: sitesTarget, source: "sites" };
}

/**
 * The one projection method: the enrolments of the three months up to the period's end, as a
 * monthly rate, carried forward from the end until the target is met (lib/metrics/derive.ts).
 */
export function viewProjection(target: ViewTarget, enrolledToDate: number, enrolledLast3m: number, asOf: string): Projection {
  return projectTarget(target.value, enrolledToDate, enrolledLast3m, asOf);
}
