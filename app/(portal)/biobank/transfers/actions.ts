"use server";

import { defineAction } from "@/lib/actions/define-action";
import {
  createTransfer,
  createTransferSchema,
  receiveTransfer,
  receiveTransferSchema,
  shipTransfer,
  transferIdSchema,
} from "@/lib/biobank/commands/transfers";

export const createTransferAction = defineAction({
  schema: createTransferSchema,
  permission: "biobank.transfer.manage",
  handler: createTransfer,
  redirectTo: (d) => `/biobank/transfers/${d.id}`,
});

export const shipTransferAction = defineAction({
  schema: transferIdSchema,
  permission: "biobank.transfer.manage",
  handler: shipTransfer,
  revalidate: (d) => [`/biobank/transfers/${d.id}`, "/biobank/transfers"],
});

export const receiveTransferAction = defineAction({
  schema: receiveTransferSchema,
  permission: "biobank.transfer.manage",
  handler: receiveTransfer,
  revalidate: (d) => [`/biobank/transfers/${d.id}`, "/biobank/transfers"],
});
