import { z } from "zod";
import type { AuditCheckpoint } from "@/db/schema";
import { auditSigner } from "@/lib/audit/signing-key";
import type { Anchor } from "@/lib/audit/verify";

/**
 * The anchor file: a signed checkpoint of the head, printed by `npm run audit:anchor`, that the
 * operator keeps outside the database (another machine, a ticket, a printout). `audit:verify
 * --anchor FILE` then tells a trail whose last events were deleted — which nothing inside the
 * database can prove — from one that only grew.
 */

const anchorSchema = z.object({
  type: z.literal("ncrc.audit.anchor.v1"),
  eventId: z.number().int().positive(),
  position: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1),
  every: z.number().int().positive(),
  keyId: z.string().optional(),
  signature: z.string().optional(),
  publicKey: z.string().optional(),
});

export function anchorOf(cp: AuditCheckpoint): Anchor & { type: string; publicKey: string } {
  return {
    type: "ncrc.audit.anchor.v1",
    eventId: cp.eventId,
    position: cp.position,
    hash: cp.hash,
    at: cp.at.toISOString(),
    every: cp.every,
    keyId: cp.keyId,
    signature: cp.signature,
    publicKey: auditSigner().publicKey,
  };
}

export function parseAnchor(text: string): Anchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("the anchor file is not JSON: save the output of `npm run audit:anchor` as it was printed");
  }
  const parsed = anchorSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the anchor file is not an audit anchor: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
