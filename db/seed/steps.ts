import type { Db } from "@/db/client";
import { seedNetwork } from "./network";
import { seedUsers } from "./users";
import { seedBiobank } from "./biobank";
import { seedStudies } from "./studies";
import { seedEnrolment } from "./enrolment";
import { seedFollowup } from "./followup";

/** The demo data, in dependency order. Each area appends its own step. */
export const SEED_STEPS: { name: string; run: (db: Db) => Promise<void> }[] = [
  { name: "network", run: seedNetwork },
  { name: "users", run: seedUsers },
  { name: "studies", run: seedStudies },
  { name: "enrolment", run: seedEnrolment },
  { name: "followup", run: seedFollowup },
  { name: "biobank", run: seedBiobank },
];
