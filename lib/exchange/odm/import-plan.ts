import type { Db } from "@/db/client";
import type { Study } from "@/db/schema";
import { planDictionaryImport } from "@/lib/crf/dictionary/plan";
import { formsToRows } from "@/lib/crf/dictionary/to-rows";
import { CRF_NAME_MAX, CRF_NAME_RE } from "@/lib/crf/design";
import { isLimitOf } from "@/lib/crf/limits";
import type { OdmForm } from "@/lib/exchange/odm/design";
import { readOdmMetadata, type OdmProblem } from "@/lib/exchange/odm/read-metadata";

export type OdmImportPlan = { forms: OdmForm[]; problems: OdmProblem[] };

/**
 * What importing an ODM file's forms into the study would write, and every problem that stops
 * it: the dry run and the import share it. The file is read into designs, which go through the
 * dictionary import's own plan (as dictionary rows: names free in the study, types, choices,
 * limits, branching logic and calculations against every item), its problems placed back on
 * the ODM element they came from; then what a dictionary has no column for is checked here:
 * soft limits beside hard ones, and repeating groups. Only a draft study takes an ODM import
 * (its forms are not yet in use; a recruiting study changes forms by amendment in the designer).
 */
export async function planOdmImport(db: Db, study: Pick<Study, "id" | "status" | "currentProtocolVersion">, xml: string): Promise<OdmImportPlan> {
  const read = readOdmMetadata(xml);
  const problems: OdmProblem[] = [];
  if (study.status !== "draft") problems.push({ line: 1, element: "", key: "odm.problems.notDraft" });
  problems.push(...read.problems);
  if (read.problems.length > 0 && read.forms.length === 0) return { forms: [], problems };

  const plan = await planDictionaryImport(db, study, formsToRows(read.forms));
  for (const p of plan.problems) {
    const at = read.itemAt[p.row - 2] ?? { line: 1, element: "" };
    const params: Record<string, string | number> = { ...(p.params ?? {}), field: p.column };
    // "the same name as row n": the other item's line in this file.
    if (typeof params.row === "number") params.row = read.itemAt[params.row - 2]?.line ?? params.row;
    problems.push({ line: at.line, element: at.element, key: p.key, params });
  }

  read.forms.forEach((form) => {
    form.items.forEach((item) => {
      const at = read.itemAt[indexOf(read.forms, form, item.name)] ?? { line: 1, element: "" };
      const hard = item.hardMin !== null || item.hardMax !== null;
      for (const k of ["softMin", "softMax"] as const) {
        const v = item[k];
        if (hard && v !== null && !isLimitOf(item.type, v)) problems.push({ ...at, key: "odm.problems.badSoftLimit", params: { value: v } });
      }
    });
    const names = new Set<string>();
    for (const g of form.groups) {
      if (!CRF_NAME_RE.test(g.name) || g.name.length > CRF_NAME_MAX) problems.push({ line: 1, element: `ItemGroupDef ${g.name}`, key: "odm.problems.badGroupName", params: { name: g.name } });
      if (names.has(g.name)) problems.push({ line: 1, element: `ItemGroupDef ${g.name}`, key: "odm.problems.duplicateGroup", params: { name: g.name } });
      names.add(g.name);
      if (g.items.length === 0) problems.push({ line: 1, element: `ItemGroupDef ${g.name}`, key: "odm.problems.emptyGroup", params: { name: g.name } });
    }
  });
  problems.sort((a, b) => a.line - b.line);
  return { forms: read.forms, problems };
}

function indexOf(forms: readonly OdmForm[], form: OdmForm, item: string): number {
  let n = 0;
  for (const f of forms) {
    if (f === form) return n + f.items.findIndex((i) => i.name === item);
    n += f.items.length;
  }
  return -1;
}

export const odmPlanSummary = (forms: readonly OdmForm[]) => forms.map((f) => ({ name: f.name, items: f.items.length, groups: f.groups.length }));
