import type { Db } from "@/db/client";
import { seedNetwork } from "@/seed/network";
import { seedUsers } from "@/seed/users";
import { seedBiobank } from "@/seed/biobank";
import { seedStudies } from "@/seed/studies";
import { seedEnrolment } from "@/seed/enrolment";
import { seedFollowup } from "@/seed/followup";

/** The demo data, in dependency order. Each area appends its own step. */
export const SEED_STEPS: { name: string; run: (db: Db) => Promise<void> }[] = [
  { name: "network", run: seedNetwork },
  { name: "users", run: seedUsers },
  { name: "studies", run: seedStudies },
  { name: "enrolment", run: seedEnrolment },
  { name: "followup", run: seedFollowup },
  { name: "biobank", run: seedBiobank },
];
