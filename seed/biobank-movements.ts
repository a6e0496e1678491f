import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { locationTextSql } from "@/lib/biobank/location-sql";
import { networkMidnight, type SeedClock } from "@/seed/clock";

/**
 * Transfers and the chain of custody for the demo bank: one open shipment to the hub per
 * hospital with specimens in transit, a "collected" event for every specimen, an "aliquoted"
 * one for every aliquot and a "stored" event for those in a box.
 */
export async function seedBiobankMovements(db: Db, hubId: number, clock: SeedClock): Promise<void> {
  const midnight = networkMidnight(clock);
  await db.execute(sql`
    insert into specimen_transfers (code, from_centre_id, to_centre_id, status, created_at, updated_at, shipped_at, note)
    select 'TR-DEMO-' || lpad(holder_centre_id::text, 4, '0'), holder_centre_id, ${hubId}, 'in_transit',
           ${midnight} - interval '3 days', ${midnight} - interval '2 days',
           ${midnight} - interval '2 days', 'demo shipment'
    from specimens where status = 'in_transit' group by holder_centre_id order by holder_centre_id`);
  await db.execute(sql`
    insert into specimen_transfer_items (transfer_id, specimen_id)
    select t.id, s.id from specimens s join specimen_transfers t on t.from_centre_id = s.holder_centre_id and t.status = 'in_transit'
    where s.status = 'in_transit'`);
  await db.execute(sql`
    insert into custody_events (specimen_id, event, at, centre_id, detail)
    select id, 'collected', collected_at, centre_id, null from specimens where parent_id is null`);
  // An aliquot was split off its parent (detail: the parent's barcode, as the aliquot command
  // writes it), then stored like any tube; "stored" carries the location string every page shows.
  await db.execute(sql`
    insert into custody_events (specimen_id, event, at, centre_id, detail)
    select c.id, 'aliquoted', c.collected_at + interval '3 days', c.holder_centre_id, p.barcode
    from specimens c join specimens p on p.id = c.parent_id`);
  await db.execute(sql`
    insert into custody_events (specimen_id, event, at, centre_id, detail)
    select s.id, 'stored', s.collected_at + interval '3 days' + case when s.parent_id is null then interval '0' else interval '1 hour' end, b.centre_id,
           ${locationTextSql({ centre: "o", freezer: "f", rack: "r", box: "b", specimen: "s" })}
    from specimens s join storage_boxes b on b.id = s.box_id join storage_racks r on r.id = b.rack_id join storage_freezers f on f.id = r.freezer_id
    join organisations o on o.id = b.centre_id`);
  await db.execute(sql`
    insert into custody_events (specimen_id, event, at, centre_id, transfer_id)
    select i.specimen_id, 'shipped', t.shipped_at, t.from_centre_id, t.id
    from specimen_transfer_items i join specimen_transfers t on t.id = i.transfer_id`);
}
