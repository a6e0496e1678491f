import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

/**
 * Copies forms of one study, as the store wrote them, into another study under its protocol
 * version: forms, version 1, sections, repeating groups, items and choices, a statement each
 * (the demo's twelve studies share one design; writing it item by item twelve times cost the
 * seed seconds). Returns the new forms' ids by name.
 */
export async function copyForms(tx: Db, from: number, to: { studyId: number; protocolVersionId: number; createdBy: number }, names: readonly string[]): Promise<Map<string, number>> {
  const wanted = sql`array[${sql.join(names.map((n) => sql`${n}`), sql`, `)}]::text[]`;
  const forms = await queryRows<{ id: number; name: string }>(
    tx,
    sql`insert into crf_forms (study_id, name, ordinal, label_zh, label_en)
        select ${to.studyId}, name, row_number() over (order by ordinal), label_zh, label_en from crf_forms
        where study_id = ${from} and name = any(${wanted}) order by ordinal
        returning id, name`,
  );
  await tx.execute(sql`insert into crf_form_versions (form_id, version, protocol_version_id, created_by)
    select id, 1, ${to.protocolVersionId}, ${to.createdBy} from crf_forms where study_id = ${to.studyId} order by id`);
  // Each source version with its copy, matched by form name.
  const pairs = sql`(select sv.id as src, tv.id as dst from crf_forms sf join crf_form_versions sv on sv.form_id = sf.id and sv.version = 1
      join crf_forms tf on tf.study_id = ${to.studyId} and tf.name = sf.name join crf_form_versions tv on tv.form_id = tf.id and tv.version = 1
      where sf.study_id = ${from})`;
  await tx.execute(sql`insert into crf_sections (form_version_id, ordinal, label_zh, label_en)
    select p.dst, s.ordinal, s.label_zh, s.label_en from crf_sections s join ${pairs} p on p.src = s.form_version_id order by p.dst, s.ordinal`);
  await tx.execute(sql`insert into crf_repeating_groups (form_version_id, name, label_zh, label_en, max_rows)
    select p.dst, g.name, g.label_zh, g.label_en, g.max_rows from crf_repeating_groups g join ${pairs} p on p.src = g.form_version_id order by p.dst, g.id`);
  await tx.execute(sql`insert into crf_items (form_version_id, section_id, repeating_group_id, ordinal, name, type, validation, label_zh, label_en, note_zh, note_en, unit,
      decimal_places, required, identifier, hard_min, hard_max, soft_min, soft_max, branching_logic, calculation, slider_labels, slider_show_number, missing_codes,
      matrix_group, matrix_ranking, alignment, question_number, annotation)
    select p.dst, ts.id, tg.id, i.ordinal, i.name, i.type, i.validation, i.label_zh, i.label_en, i.note_zh, i.note_en, i.unit,
      i.decimal_places, i.required, i.identifier, i.hard_min, i.hard_max, i.soft_min, i.soft_max, i.branching_logic, i.calculation, i.slider_labels, i.slider_show_number, i.missing_codes,
      i.matrix_group, i.matrix_ranking, i.alignment, i.question_number, i.annotation
    from crf_items i join ${pairs} p on p.src = i.form_version_id
    left join crf_sections ss on ss.id = i.section_id left join crf_sections ts on ts.form_version_id = p.dst and ts.ordinal = ss.ordinal
    left join crf_repeating_groups sg on sg.id = i.repeating_group_id left join crf_repeating_groups tg on tg.form_version_id = p.dst and tg.name = sg.name
    order by p.dst, i.ordinal`);
  await tx.execute(sql`insert into crf_item_choices (item_id, ordinal, code, label_zh, label_en)
    select ti.id, c.ordinal, c.code, c.label_zh, c.label_en from crf_item_choices c join crf_items si on si.id = c.item_id
    join ${pairs} p on p.src = si.form_version_id join crf_items ti on ti.form_version_id = p.dst and ti.name = si.name
    order by ti.id, c.ordinal`);
  return new Map(forms.map((f) => [f.name, Number(f.id)]));
}
