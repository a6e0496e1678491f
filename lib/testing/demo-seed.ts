import type { Db } from "@/db/client";
import { seedClock } from "@/seed/clock";
import { seedEnrolment } from "@/seed/enrolment";
import { seedFollowup } from "@/seed/followup";
import { seedNetwork } from "@/seed/network";
import { seedStudies } from "@/seed/studies";
import { seedUsers } from "@/seed/users";

/** The fixed "now" the seed tests build the demo around (so its figures are constants). */
export const DEMO_SEED_CLOCK = seedClock(new Date("2026-06-15T04:00:00.000Z"));

/**
 * The demo seed's first steps, in the order seed/steps.ts runs them, around DEMO_SEED_CLOCK:
 * the network, users, studies and enrolment, then follow-up when `through` is "followup".
 * A step's test seeds its own step on top.
 */
export async function seedDemoThrough(db: Db, through: "enrolment" | "followup") {
  await seedNetwork(db);
  await seedUsers(db);
  await seedStudies(db, DEMO_SEED_CLOCK);
  await seedEnrolment(db, DEMO_SEED_CLOCK);
  if (through === "followup") await seedFollowup(db, DEMO_SEED_CLOCK);
}
