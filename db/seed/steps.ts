import type { Db } from "@/db/client";
import { seedNetwork } from "@/db/seed/network";
import { seedUsers } from "@/db/seed/users";
import { seedBiobank } from "@/db/seed/biobank";
import { seedStudies } from "@/db/seed/studies";
import { seedEnrolment } from "@/db/seed/enrolment";
import { seedFollowup } from "@/db/seed/followup";

/** The demo data, in dependency order. Each area appends its own step. */
export const SEED_STEPS: { name: string; run: (db: Db) => Promise<void> }[] = [
  { name: "network", run: seedNetwork },
  { name: "users", run: seedUsers },
  { name: "studies", run: seedStudies },
  { name: "enrolment", run: seedEnrolment },
  { name: "followup", run: seedFollowup },
  { name: "biobank", run: seedBiobank },
];
