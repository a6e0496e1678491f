import { sql, type SQL } from "drizzle-orm";
import { LOCATION_SEPARATOR as SEPARATOR } from "@/lib/biobank/location";

/**
 * The storage columns (StoragePlace in lib/biobank/location.ts) of a specimen aliased `s`, for
 * reads that show its location: select storagePlaceColumns, add storagePlaceJoins to the FROM,
 * and pass the row through withLocation(). The storing centre is the box's centre.
 */
export const storagePlaceColumns = sql`loc_o.code as "storeCode", loc_f.code as "freezerCode", loc_r.code as "rackCode", loc_b.code as "boxCode",
  case when loc_b.id is null then null else s.pos_row end as "posRow", case when loc_b.id is null then null else s.pos_col end as "posCol"`;

export const storagePlaceJoins = sql`left join storage_boxes loc_b on loc_b.id = s.box_id
  left join organisations loc_o on loc_o.id = loc_b.centre_id
  left join storage_racks loc_r on loc_r.id = loc_b.rack_id
  left join storage_freezers loc_f on loc_f.id = loc_r.freezer_id`;

/**
 * specimenLocation() (lib/biobank/location.ts) written in SQL, for statements that store the
 * string without reading rows (the demo seed's "stored" custody entries): the storing centre,
 * freezer, rack, box and position "TJ01 / F1 / R2 / B03 / A1", over the aliases given.
 */
export function locationTextSql(a: { centre: string; freezer: string; rack: string; box: string; specimen: string }): SQL {
  for (const alias of Object.values(a)) if (!/^[a-z][a-z0-9_]*$/.test(alias)) throw new Error(`malformed table alias: ${alias}`);
  const sep = sql.raw(`'${SEPARATOR}'`);
  const col = (t: string, c: string) => sql.raw(`${t}.${c}`);
  return sql`${col(a.centre, "code")} || ${sep} || ${col(a.freezer, "code")} || ${sep} || ${col(a.rack, "code")} || ${sep} || ${col(a.box, "code")} || ${sep}
    || chr(64 + ${col(a.specimen, "pos_row")}) || ${col(a.specimen, "pos_col")}::text`;
}
