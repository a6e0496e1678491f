import type { Db } from "@/db/client";
import type { SeedClock } from "@/seed/clock";
import { seedNetwork } from "@/seed/network";
import { seedUsers } from "@/seed/users";
import { seedBiobank } from "@/seed/biobank";
import { seedMolecular } from "@/seed/molecular";
import { seedStudies } from "@/seed/studies";
import { seedEnrolment } from "@/seed/enrolment";
import { seedFollowup } from "@/seed/followup";
import { seedCrf } from "@/seed/crf";

/** The demo data, in dependency order. Each area appends its own step; a step dates its rows from the clock it is given. */
export const SEED_STEPS: { name: string; run: (db: Db, clock: SeedClock) => Promise<void> }[] = [
  { name: "network", run: seedNetwork },
  { name: "users", run: seedUsers },
  { name: "studies", run: seedStudies },
  { name: "enrolment", run: seedEnrolment },
  { name: "followup", run: seedFollowup },
  { name: "crf", run: seedCrf },
  { name: "biobank", run: seedBiobank },
  { name: "molecular", run: seedMolecular },
];
