"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createBoxCommand } from "@/lib/biobank/commands/create-box";
import { createFreezerCommand } from "@/lib/biobank/commands/create-freezer";
import { createRackCommand } from "@/lib/biobank/commands/create-rack";
import { placeSpecimenCommand } from "@/lib/biobank/commands/place-specimen";
import { removeSpecimenCommand } from "@/lib/biobank/commands/remove-specimen";

const storagePaths = () => ["/biobank/storage"];
const storedPaths = () => ["/biobank/storage", "/biobank"];

export const createFreezerAction = defineAction(createFreezerCommand, { revalidate: storagePaths });
export const createRackAction = defineAction(createRackCommand, { revalidate: storagePaths });
export const createBoxAction = defineAction(createBoxCommand, { revalidate: storagePaths });

export const placeSpecimenAction = defineAction(placeSpecimenCommand, {
  revalidate: (d) => [...storedPaths(), `/biobank/storage/boxes/${d.boxId}`, `/biobank/specimens/${d.barcode}`],
});
export const removeSpecimenAction = defineAction(removeSpecimenCommand, { revalidate: storedPaths });
