"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createTransferCommand } from "@/lib/biobank/commands/create-transfer";
import { receiveTransferCommand } from "@/lib/biobank/commands/receive-transfer";
import { shipTransferCommand } from "@/lib/biobank/commands/ship-transfer";

const transferPaths = (d: { id: number }) => [`/biobank/transfers/${d.id}`, "/biobank/transfers"];

export const createTransferAction = defineAction(createTransferCommand, { redirectTo: (d) => `/biobank/transfers/${d.id}` });
export const shipTransferAction = defineAction(shipTransferCommand, { revalidate: transferPaths });
export const receiveTransferAction = defineAction(receiveTransferCommand, { revalidate: transferPaths });
