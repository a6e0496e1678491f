/**
 * The demo bank's shape, shared by the seed and the benchmark. Specimen g (1..PARENTS) is
 * derived from g alone with modular arithmetic, so the bank is the same on every load.
 */
export const PARENTS = 131_200;
/** Hub storage: 16 freezers × 8 racks × 12 boxes of 9 × 9. */
export const HUB_FREEZERS = 16;
export const RACKS_PER_FREEZER = 8;
export const BOXES_PER_RACK = 12;
export const BOX_ROWS = 9;
export const BOX_COLS = 9;
export const DONORS = 25_000;
/** Blood parents with g % ALIQUOT_EVERY = 3, stored at the hub, were split into two aliquots. */
export const ALIQUOT_EVERY = 25;

export const HUB_BOXES = HUB_FREEZERS * RACKS_PER_FREEZER * BOXES_PER_RACK;
