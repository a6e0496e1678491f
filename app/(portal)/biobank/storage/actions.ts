"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createBox, createBoxSchema, createFreezer, createFreezerSchema, createRack, createRackSchema } from "@/lib/biobank/commands/storage";
import { placeSpecimen, placeSpecimenSchema, removeSpecimen, removeSpecimenSchema } from "@/lib/biobank/commands/place";

const storagePaths = () => ["/biobank/storage"];

export const createFreezerAction = defineAction({ schema: createFreezerSchema, permission: "biobank.storage.manage", handler: createFreezer, revalidate: storagePaths });
export const createRackAction = defineAction({ schema: createRackSchema, permission: "biobank.storage.manage", handler: createRack, revalidate: storagePaths });
export const createBoxAction = defineAction({ schema: createBoxSchema, permission: "biobank.storage.manage", handler: createBox, revalidate: storagePaths });

export const placeSpecimenAction = defineAction({
  schema: placeSpecimenSchema,
  permission: "biobank.storage.manage",
  handler: placeSpecimen,
  revalidate: () => ["/biobank/storage", "/biobank"],
});

export const removeSpecimenAction = defineAction({
  schema: removeSpecimenSchema,
  permission: "biobank.storage.manage",
  handler: removeSpecimen,
  revalidate: () => ["/biobank/storage", "/biobank"],
});
