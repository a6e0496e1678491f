import type { Db } from "@/db/client";
import { DEMO_SEED_CLOCK, seedDemoThrough } from "@/lib/testing/demo-seed";
import { seedCrf } from "@/seed/crf";

/** The demo network through follow-up, with the demo case report forms and their data (seed/crf.ts), around DEMO_SEED_CLOCK. */
export async function seedDemoCrf(db: Db): Promise<void> {
  await seedDemoThrough(db, "followup");
  await seedCrf(db, DEMO_SEED_CLOCK);
}
