import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const GENESIS_HASH = "0".repeat(64);

export type ChainedContent = {
  at: string | Date;
  actorId: number | null;
  actorCentreId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  centreId: number | null;
  studyId: number | null;
  before: unknown;
  after: unknown;
  reason: string | null;
};

/** SHA-256 over the previous row's hash and this row's content. */
export function chainHash(prevHash: string, c: ChainedContent): string {
  const body = canonicalJson({
    prev: prevHash,
    at: new Date(c.at).toISOString(),
    actorId: c.actorId,
    actorCentreId: c.actorCentreId,
    action: c.action,
    entityType: c.entityType,
    entityId: c.entityId,
    centreId: c.centreId,
    studyId: c.studyId,
    before: c.before ?? null,
    after: c.after ?? null,
    reason: c.reason,
  });
  return createHash("sha256").update(body).digest("hex");
}
