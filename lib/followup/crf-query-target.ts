import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

/**
 * Where a query on a CRF item points (entity "crf_form": the form instance; field: the item
 * path, "weight" or "lesions.2.diameter"): the instance's event, form and repeat (its page),
 * and the item's label in both languages from the instance's form version — a group item
 * reads "Target lesions #2 · Diameter". Null for a query on any other record.
 */
export type CrfQueryTarget = { eventId: number; formId: number; repeat: number; labelZh: string; labelEn: string };

/** The item's label, per language, over the instance `fi` and an item path: the group's label and row first for a group item. */
const label = (lang: "zh" | "en", path: SQL) => sql`coalesce(g.label_${sql.raw(lang)} || ' #' || split_part(${path}, '.', 2) || ' · ', '') || ci.label_${sql.raw(lang)}`;

/** One column (jsonb, or null) of a query row over the alias `q`: its CRF target. */
export function crfTargetColumn(q = sql`q`): SQL {
  const path = sql`${q}.field`;
  return sql`(select jsonb_build_object('eventId', fi.event_id, 'formId', fi.form_id, 'repeat', fi.repeat,
      'labelZh', coalesce(${label("zh", path)}, ${path}), 'labelEn', coalesce(${label("en", path)}, ${path}))
    from crf_form_instances fi
    left join crf_items ci on ci.form_version_id = fi.form_version_id and ci.name = regexp_replace(${path}, '^.*\\.', '')
    left join crf_repeating_groups g on g.id = ci.repeating_group_id and ${path} like '%.%'
    where ${q}.entity_type = 'crf_form' and fi.id = ${q}.entity_id)`;
}

/** A row's CRF target as read (the driver may hand jsonb back as text). */
export function parseCrfTarget(v: unknown): CrfQueryTarget | null {
  if (v === null || v === undefined) return null;
  const o = (typeof v === "string" ? JSON.parse(v) : v) as CrfQueryTarget;
  return { eventId: Number(o.eventId), formId: Number(o.formId), repeat: Number(o.repeat), labelZh: o.labelZh, labelEn: o.labelEn };
}

/** The label of an item path of a form instance, in both languages (null: no such instance). */
export async function crfItemLabel(tx: Db, instanceId: number, path: string): Promise<{ zh: string; en: string } | null> {
  const [row] = await queryRows<{ target: unknown }>(tx, sql`select ${crfTargetColumn(sql`q`)} as target from (select 'crf_form'::text as entity_type, ${instanceId}::int as entity_id, ${path}::text as field) q`);
  const t = parseCrfTarget(row?.target);
  return t ? { zh: t.labelZh, en: t.labelEn } : null;
}
