"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createRelease, createReleaseSchema, decideRelease, decideReleaseSchema } from "@/lib/biobank/commands/releases";

export const createReleaseAction = defineAction({
  schema: createReleaseSchema,
  permission: "biobank.release.request",
  handler: createRelease,
  redirectTo: (d) => `/biobank/releases/${d.id}`,
});

export const decideReleaseAction = defineAction({
  schema: decideReleaseSchema,
  permission: "biobank.release.decide",
  handler: decideRelease,
  revalidate: (d) => [`/biobank/releases/${d.id}`, "/biobank/releases"],
});
