import { sql } from "drizzle-orm";

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
