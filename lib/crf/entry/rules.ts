import { CRF_MISSING_CODES } from "@/db/enums";
import type { ItemDef } from "@/lib/crf/design";
import { calculate, calculationOrder, isShown, type EvaluationContext, type ExpressionAst, type StoredValue } from "@/lib/crf/expressions";
import { compiled, expandGroupRefs } from "@/lib/crf/entry/compiled";
import { checkLimits } from "@/lib/crf/entry/limits";
import { normaliseValue } from "@/lib/crf/entry/normalise";
import { itemPath, rowKey } from "@/lib/crf/entry/paths";
import type { EntryError, EntryFormDef, GroupDef, ItemValue, RowValues, RulesInput, RulesResult } from "@/lib/crf/entry/types";

const E = (key: string, params?: Record<string, string | number>): EntryError => ({ key: `crf.entry.errors.${key}`, ...(params ? { params } : {}) });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const TAKES_NO_ANSWER = new Set(["calc", "descriptive"]);

/** One place a value can live: a form-level item, or an item of one row of a group. */
type Slot = { item: ItemDef; path: string; group?: GroupDef; row?: number };

/** Stored values as the expression module reads them (other events' values, missing codes tagged). */
function asStored(v: unknown): StoredValue | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  if (isRecord(v) && typeof v.missing === "string") return { missing: v.missing };
  return undefined;
}

function storedRecord(values: Readonly<Record<string, unknown>>): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const [k, v] of Object.entries(values)) {
    const s = asStored(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * The one implementation of a form's rules, run by the form page as the user types and by the
 * server as the authority on save. From the design, the submitted values and missing-data codes
 * (and other events' values for `[event][item]`): branching decides which items show (a hidden
 * item's value is dropped), calculations are recomputed in dependency order (a submitted value
 * is ignored), every value is checked and normalised for its type and validation, hard limits
 * refuse, soft limits refuse until confirmed, and — when the form is marked complete — required
 * items must have a value or a missing-data code. Inside a repeating group each row is
 * evaluated with its own values over the form's; outside it, `sum/mean/median/min/max([item])`
 * of a group item reads every row.
 */
export function applyRules(form: EntryFormDef, input: RulesInput): RulesResult {
  const items = new Map(form.items.map((i) => [i.name, i]));
  const groups = new Map((form.groups ?? []).map((g) => [g.name, g]));
  const groupOf = new Map<string, GroupDef>();
  for (const g of groups.values()) for (const n of g.items) groupOf.set(n, g);
  const errors: Record<string, EntryError> = {};
  const submitted = new Set<string>();

  // 1. The submitted values, checked and normalised, by slot.
  const top = new Map<string, ItemValue>();
  const rows = new Map<string, Map<string, ItemValue>[]>(); // group → rows (index 0 = row 1)
  const take = (item: ItemDef, path: string, raw: unknown, set: (v: ItemValue) => void) => {
    if (TAKES_NO_ANSWER.has(item.type)) return;
    const r = normaliseValue(item, raw);
    if ("error" in r) {
      errors[path] = r.error;
      submitted.add(path);
    } else if (r.value !== null) {
      set(r.value);
      submitted.add(path);
    }
  };
  for (const [key, raw] of Object.entries(input.values)) {
    const group = groups.get(key);
    if (group) {
      if (!Array.isArray(raw) || !raw.every(isRecord)) {
        errors[key] = E("invalid");
        continue;
      }
      if (raw.length > group.maxRows) {
        errors[key] = E("tooManyRows", { rows: group.maxRows });
        continue;
      }
      rows.set(
        key,
        raw.map((row, i) => {
          const m = new Map<string, ItemValue>();
          for (const [name, v] of Object.entries(row)) {
            const path = itemPath(name, { name: key, row: i + 1 });
            const item = items.get(name);
            if (!item || groupOf.get(name) !== group) errors[path] = E("notInForm");
            else take(item, path, v, (x) => m.set(name, x));
          }
          return m;
        }),
      );
      continue;
    }
    const item = items.get(key);
    if (!item || groupOf.has(key)) errors[key] = E("notInForm");
    else take(item, key, raw, (x) => top.set(key, x));
  }

  // 2. Missing-data codes, by path.
  const missing = new Map<string, string>();
  for (const [path, code] of Object.entries(input.missing ?? {})) {
    const slot = slotOfPath(path, items, groups, groupOf);
    if (!slot) {
      errors[path] = E("notInForm");
      continue;
    }
    submitted.add(path);
    if (typeof code !== "string" || !(CRF_MISSING_CODES as readonly string[]).includes(code) || !(slot.item.missingCodes as readonly string[]).includes(code)) {
      errors[path] = E("missingNotAllowed");
      continue;
    }
    if (slot.group) {
      const list = rows.get(slot.group.name) ?? [];
      while (list.length < slot.row!) list.push(new Map());
      rows.set(slot.group.name, list);
    }
    missing.set(path, code);
  }
  for (const g of groups.values()) {
    if ((rows.get(g.name)?.length ?? 0) > g.maxRows) errors[g.name] = E("tooManyRows", { rows: g.maxRows });
  }

  // 3. Branching and calculations to a fixed point: a calculation may show an item, and a hidden item reads as blank.
  // Form order; a group's rows where its first item stands, row by row.
  const slots = (): Slot[] => {
    const out: Slot[] = [];
    const done = new Set<GroupDef>();
    for (const item of form.items) {
      const g = groupOf.get(item.name);
      if (!g) out.push({ item, path: item.name });
      else if (!done.has(g)) {
        done.add(g);
        const members = form.items.filter((i) => groupOf.get(i.name) === g);
        (rows.get(g.name) ?? []).forEach((_, i) => {
          for (const m of members) out.push({ item: m, path: itemPath(m.name, { name: g.name, row: i + 1 }), group: g, row: i + 1 });
        });
      }
    }
    return out;
  };
  const valueAt = (s: Slot): ItemValue | undefined => (s.group ? rows.get(s.group.name)?.[s.row! - 1]?.get(s.item.name) : top.get(s.item.name));
  const setAt = (s: Slot, v: ItemValue | undefined) => {
    const m = s.group ? rows.get(s.group.name)![s.row! - 1] : top;
    if (v === undefined) m.delete(s.item.name);
    else m.set(s.item.name, v);
  };
  const rowsOf = (inside?: GroupDef) => (name: string) => {
    const g = groupOf.get(name);
    return g && g !== inside ? (rows.get(g.name)?.length ?? 0) : undefined;
  };
  // The event's other forms: their items read by plain [item] unless this form has one of that name.
  const sameEvent = storedRecord(input.event !== undefined ? (input.otherEvents?.[input.event] ?? {}) : {});
  for (const k of Object.keys(sameEvent)) if (items.has(k) || groups.has(k)) delete sameEvent[k];
  const baseValues = (): Record<string, StoredValue> => {
    const v: Record<string, StoredValue> = { ...sameEvent };
    for (const [k, x] of top) v[k] = x;
    for (const [path, code] of missing) if (!path.includes(".")) v[path] = { missing: code };
    for (const [gname, list] of rows)
      list.forEach((m, i) => {
        for (const [k, x] of m) v[rowKey(k, i + 1)] = x;
        for (const n of groups.get(gname)!.items) {
          const code = missing.get(itemPath(n, { name: gname, row: i + 1 }));
          if (code) v[rowKey(n, i + 1)] = { missing: code };
        }
      });
    return v;
  };
  const events = Object.fromEntries(Object.entries(input.otherEvents ?? {}).map(([e, r]) => [e, storedRecord(r)]));
  const ctxFor = (base: Record<string, StoredValue>, s: Slot): EvaluationContext => {
    let values = base;
    if (s.group) {
      values = { ...base };
      const list = rows.get(s.group.name)!;
      for (const n of s.group.items) {
        const v = list[s.row! - 1].get(n);
        const code = missing.get(itemPath(n, { name: s.group.name, row: s.row! }));
        if (v !== undefined) values[n] = v;
        else if (code) values[n] = { missing: code };
        else delete values[n];
      }
    }
    return { values, event: input.event, events, today: input.today, now: input.now };
  };
  const calcs: Record<string, ExpressionAst> = {};
  for (const item of form.items) {
    const c = compiled(item).calculation;
    if (c) calcs[item.name] = c;
  }
  const order = calculationOrder(calcs).order ?? Object.keys(calcs);
  const hidden = new Set<string>();
  const dropped = new Set<string>();
  const limit = form.items.length + 2;
  for (let pass = 0; pass < limit; pass++) {
    let changed = false;
    const all = slots();
    for (const name of order) {
      const ast = calcs[name];
      for (const s of all.filter((x) => x.item.name === name)) {
        const v = hidden.has(s.path) ? "" : calculate(expandGroupRefs(ast, rowsOf(s.group)), ctxFor(baseValues(), s));
        const next = v === "" ? undefined : v;
        if (valueAt(s) !== next) {
          setAt(s, next);
          changed = true;
        }
      }
    }
    const base = baseValues();
    for (const s of all) {
      const b = compiled(s.item).branching;
      const shown = b === null || isShown(expandGroupRefs(b, rowsOf(s.group)), ctxFor(base, s));
      if (shown === !hidden.has(s.path)) continue;
      changed = true;
      if (shown) hidden.delete(s.path);
      else hidden.add(s.path);
    }
    for (const s of all) {
      if (!hidden.has(s.path)) continue;
      if (valueAt(s) !== undefined || missing.has(s.path)) {
        if (submitted.has(s.path)) dropped.add(s.path);
        setAt(s, undefined);
        missing.delete(s.path);
        changed = true;
      }
    }
    if (!changed) break;
  }

  // 4. Limits and required, on the items shown.
  const confirmed = new Set(input.confirmedSoft ?? []);
  const softBreaches: Record<string, EntryError> = {};
  const visible: string[] = [];
  for (const s of slots()) {
    if (hidden.has(s.path)) {
      if (errors[s.path] && errors[s.path].key !== "crf.entry.errors.notInForm") {
        delete errors[s.path];
        dropped.add(s.path);
      }
      continue;
    }
    visible.push(s.path);
    if (errors[s.path]) continue;
    const v = valueAt(s);
    if (typeof v === "string" && s.item.type !== "calc") {
      const { hard, soft } = checkLimits(s.item, v, input);
      if (hard) errors[s.path] = hard;
      else if (soft) {
        softBreaches[s.path] = soft;
        if (!confirmed.has(s.path)) errors[s.path] = soft;
      }
    }
    if (input.complete && s.item.required && !TAKES_NO_ANSWER.has(s.item.type) && v === undefined && !missing.has(s.path)) errors[s.path] = E("required");
  }

  // 5. What to store.
  const values: Record<string, ItemValue | RowValues[]> = {};
  for (const item of form.items) {
    if (groupOf.has(item.name)) continue;
    const v = top.get(item.name);
    if (v !== undefined) values[item.name] = v;
  }
  for (const g of groups.values()) {
    const list = rows.get(g.name);
    if (!list?.length) continue;
    values[g.name] = list.map((m) => Object.fromEntries(g.items.filter((n) => m.has(n)).map((n) => [n, m.get(n)!])));
  }
  const missingOut: Record<string, string> = {};
  for (const [path, code] of missing) {
    if (hidden.has(path)) continue;
    const s = slotOfPath(path, items, groups, groupOf)!;
    if (valueAt(s) !== undefined) {
      errors[path] ??= E("valueAndMissing");
      continue;
    }
    missingOut[path] = code;
  }
  return { values, missing: missingOut, visible, dropped: [...dropped], errors, softBreaches };
}

function slotOfPath(path: string, items: Map<string, ItemDef>, groups: Map<string, GroupDef>, groupOf: Map<string, GroupDef>): Slot | null {
  const parts = path.split(".");
  if (parts.length === 1) {
    const item = items.get(path);
    return item && !groupOf.has(path) ? { item, path } : null;
  }
  if (parts.length !== 3 || !/^[1-9]\d{0,2}$/.test(parts[1])) return null;
  const [g, r, name] = parts;
  const group = groups.get(g);
  const item = items.get(name);
  if (!group || !item || groupOf.get(name) !== group || Number(r) > group.maxRows) return null;
  return { item, path, group, row: Number(r) };
}
