import "server-only";
import type { ItemDef } from "@/lib/crf/design";
import { formValueHistory } from "@/lib/crf/queries/value-history";
import type { ReadActor } from "@/lib/reads/define-query";
import { formatNetworkInstant } from "@/lib/time/network-instant";
import type { ValueChange } from "@/app/(portal)/studies/[code]/participants/[subject]/forms/[event]/[form]/_components/entry-props";

/**
 * The per-value history of a saved form, by item path: only items whose value changed after it
 * was first saved (a single version is no history). Values as the stored text or code; the
 * page shows choice labels. Paths are the ones saved now, or saved in an earlier version.
 */
export async function loadValueHistory(actor: ReadActor, instanceId: number, paths: readonly string[], items: readonly ItemDef[]): Promise<Record<string, ValueChange[]>> {
  const out: Record<string, ValueChange[]> = {};
  const calc = new Set(items.filter((i) => i.type === "calc").map((i) => i.name));
  const byPath = await formValueHistory(actor, instanceId, paths.filter((p) => !calc.has(p.split(".").pop()!)));
  for (const [path, history] of Object.entries(byPath)) {
    if (history.length < 2) continue;
    out[path] = history.map((h) => ({
      at: formatNetworkInstant(h.changedAt),
      by: h.changedByName ?? "",
      value: h.value === null ? null : Array.isArray(h.value) ? h.value : typeof h.value === "object" ? { missing: h.value.missing } : h.value,
      reason: h.reason,
      version: h.version,
    }));
  }
  return out;
}
