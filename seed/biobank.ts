import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { ALIQUOT_EVERY, BOX_COLS, BOX_ROWS, BOXES_PER_RACK, DONORS, HUB_BOXES, HUB_FREEZERS, PARENTS, RACKS_PER_FREEZER } from "@/seed/biobank-plan";
import { seedBiobankMovements } from "@/seed/biobank-movements";
import { networkMidnight, seedClock, type SeedClock } from "@/seed/clock";

/** Consent derived from a number: 80 % yes, 12 % limited, 8 % no. */
const consentOf = (x: string) => sql.raw(`(case when (${x} * 31) % 100 < 80 then 'yes' when (${x} * 31) % 100 < 92 then 'limited' else 'no' end)::future_consent`);

/**
 * The hub's bank at its real scale, loaded with a handful of INSERT … SELECT generate_series
 * statements (no row leaves the database): ≥ 55,000 tissue and ≥ 75,000 blood and body-fluid
 * specimens over ten years, 80 % stored in hub boxes, the rest at the collecting hospitals,
 * some in transit, with aliquots. Dated from the seed clock, never the database's clock or zone.
 */
export async function seedBiobank(db: Db, clock: SeedClock = seedClock()): Promise<void> {
  const orgs = await queryRows<{ id: number; code: string; level: string }>(db, sql`select id, code, level::text as level from organisations order by id`);
  const hub = orgs.find((o) => o.level === "hub");
  if (!hub) throw new Error("seed the network first");
  const others = orgs.filter((o) => o.id !== hub.id);
  const ids = sql.raw(`array[${others.map((o) => o.id).join(",")}]::int[]`);
  const n = others.length;

  await db.execute(sql`
    insert into storage_freezers (id, centre_id, code, name, temperature_c)
    select f, ${hub.id}, 'F' || lpad(f::text, 2, '0'), case when f <= 2 then 'LN2 tank ' else 'ULT freezer ' end || f, case when f <= 2 then -196 else -80 end
    from generate_series(1, ${HUB_FREEZERS}) f`);
  await db.execute(sql`
    insert into storage_racks (id, freezer_id, code)
    select m + 1, m / ${RACKS_PER_FREEZER} + 1, 'R' || (m % ${RACKS_PER_FREEZER} + 1)
    from generate_series(0, ${HUB_FREEZERS * RACKS_PER_FREEZER - 1}) m`);
  await db.execute(sql`
    insert into storage_boxes (id, rack_id, centre_id, code, rows, cols)
    select b + 1, b / ${BOXES_PER_RACK} + 1, ${hub.id}, 'B' || lpad((b + 1)::text, 4, '0'), ${BOX_ROWS}, ${BOX_COLS}
    from generate_series(0, ${HUB_BOXES - 1}) b`);

  await db.execute(sql`
    insert into donors (id, donor_code, future_consent, consent_date, centre_id)
    select d, 'D' || lpad(d::text, 7, '0'), ${consentOf("d")}, (${clock.today}::date - ((d * 7919) % 3650))::date,
           case when d % 3 = 0 then ${hub.id} else (${ids})[1 + (d * 11) % ${n}] end
    from generate_series(1, ${DONORS}) d`);

  // g % 10 < 8: stored at the hub at dense position k; 8: kept at the collecting hospital;
  // 9: by (g / 10) % 5 in transit, distributed, depleted, destroyed or reserved.
  const perBox = BOX_ROWS * BOX_COLS;
  await db.execute(sql`
    insert into specimens (id, barcode, category, type, centre_id, holder_centre_id, subject_code, donor_id,
                           collected_at, quantity, unit, future_consent, status, box_id, pos_row, pos_col)
    select g, 'NB' || lpad(g::text, 9, '0'), cat::specimen_category, typ::specimen_type, centre, holder,
           null,
           1 + g % ${DONORS},
           ${networkMidnight(clock)} - make_interval(days => ((g::bigint * 104729) % 3650)::int, secs => (g * 7) % 86400),
           case typ when 'ffpe_block' then 1 when 'fresh_frozen' then 50 + (g * 13) % 450 else 0.5 + ((g * 17) % 96) / 10.0 end,
           (case typ when 'ffpe_block' then 'block' when 'fresh_frozen' then 'mg' else 'ml' end)::specimen_unit,
           ${consentOf(`(1 + g % ${DONORS})`)},
           st::specimen_status,
           case when stored then ${1} + k / ${perBox} end,
           case when stored then (k % ${perBox}) / ${BOX_COLS} + 1 end,
           case when stored then k % ${BOX_COLS} + 1 end
    from (
      select g, k, stored, typ, cat, centre,
             case when stored then ${hub.id} else centre end as holder,
             case when g % 10 <> 9 then 'available'
                  else (array['in_transit','distributed','depleted','destroyed','reserved'])[1 + (g / 10 + g / 1000) % 5] end as st
      from (
        select g, (g / 10) * 8 + g % 10 as k, g % 10 < 8 as stored,
               case when (g * 37) % 1000 < 424 then 'tissue' when (g * 53) % 100 < 80 then 'blood' else 'body_fluid' end as cat,
               case when g % 10 < 8 and (g / 10) % 5 < 2 then ${hub.id} else (${ids})[1 + (g * 40503::bigint % 65521) % ${n}] end as centre,
               case when (g * 37) % 1000 < 424 then (case when (g * 7919) % 10 < 7 then 'ffpe_block' else 'fresh_frozen' end)
                    when (g * 53) % 100 < 80 then (array['whole_blood','plasma','plasma','serum','serum','buffy_coat'])[1 + (g * 7919) % 6]
                    else (array['urine','urine','ascites','pleural_effusion','csf'])[1 + (g * 7919) % 5] end as typ
        from generate_series(1, ${PARENTS}) g
      ) a
    ) b`);

  // Every demo participant gave one stored blood specimen: donor specimens become theirs, taken
  // at their site, with the consent they gave at enrolment.
  await db.execute(sql`
    with p as (select id, subject_code, centre_id, specimens_future_use, row_number() over (order by id) as r from participants),
         s as (select id, row_number() over (order by id) as r from specimens where category = 'blood' and box_id is not null)
    update specimens sp
       set participant_id = p.id, subject_code = p.subject_code, donor_id = null, centre_id = p.centre_id,
           future_consent = (case when p.specimens_future_use then 'yes' else 'no' end)::future_consent
      from p join s on s.r = p.r
     where sp.id = s.id`);

  // Aliquots: two halves of a quarter each, stored after the parents; the parent keeps half.
  const firstFree = (PARENTS / 10) * 8 + 1; // k of g = PARENTS is (PARENTS / 10) * 8
  await db.execute(sql`
    with p as (
      select id, type, centre_id, participant_id, subject_code, donor_id, collected_at, quantity, future_consent,
             row_number() over (order by id) - 1 as r
      from specimens where category = 'blood' and id % ${ALIQUOT_EVERY} = 3 and box_id is not null
    )
    insert into specimens (id, barcode, category, type, centre_id, holder_centre_id, participant_id, subject_code, donor_id, collected_at,
                           quantity, unit, future_consent, status, parent_id, box_id, pos_row, pos_col)
    select ${PARENTS} + 1 + 2 * r + j, 'NB' || lpad((${PARENTS} + 1 + 2 * r + j)::text, 9, '0'), 'blood',
           (case when type = 'whole_blood' then 'plasma' else type end)::specimen_type,
           centre_id, ${hub.id}, participant_id, subject_code, donor_id, collected_at, round(quantity / 4, 3), 'ml', future_consent, 'available', id,
           1 + (${firstFree} + 2 * r + j) / ${perBox}, ((${firstFree} + 2 * r + j) % ${perBox}) / ${BOX_COLS} + 1, (${firstFree} + 2 * r + j) % ${BOX_COLS} + 1
    from p cross join generate_series(0, 1) j`);
  await db.execute(sql`update specimens set quantity = round(quantity / 2, 3) where category = 'blood' and id % ${ALIQUOT_EVERY} = 3 and id <= ${PARENTS} and box_id is not null`);

  for (const t of ["storage_freezers", "storage_racks", "storage_boxes", "donors", "specimens"]) {
    await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`));
  }
  await seedBiobankMovements(db, hub.id, clock);
}
