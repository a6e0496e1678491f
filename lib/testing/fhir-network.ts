import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { allocationEntries, apiTokens, donors, organisations, specimens, unblindings, users, type Participant } from "@/db/schema";
import { hashToken, newTokenSecret } from "@/lib/api/token-secret";
import { barcodeFor } from "@/lib/biobank/catalog";
import { insertTestParticipant } from "@/lib/testing/participants";
import { createTestStudy, type TestStudy } from "@/lib/testing/study-builder";

/**
 * The FHIR endpoints' test network on top of seedBase: three studies and their participants,
 * arms, one emergency unblinding and specimens (with an aliquot and a donor's specimen).
 *   FH-OPEN   randomized, open; sites R01 and R20; monitor@ on the team; 4 subjects at R01, 3 at R20
 *   FH-BLIND  randomized, blinded; sites R01 and R20; 1 subject at each, the R01 one unblinded
 *   FH-OBS    observational; site R20 only; 1 subject
 * Specimens: a whole-blood tube per subject of FH-OPEN (collected and held at the subject's
 * centre), an aliquot of the first R01 tube, an aliquot of the first R20 tube held by the hub
 * bank (TJ01), and a donor's plasma at R01.
 */
export async function seedFhirNetwork(db: Db) {
  const open = await createTestStudy(db, { code: "FH-OPEN", sites: [["R01", 50], ["R20", 50]], team: [["monitor@ncrc.demo", "monitor"]] });
  const blind = await createTestStudy(db, { code: "FH-BLIND", blinding: "blinded", sites: [["R01", 50], ["R20", 50]] });
  const obs = await createTestStudy(db, { code: "FH-OBS", design: "observational", sites: [["R20", 50]] });

  const subjects = new Map<string, Participant>();
  const enrol = async (t: TestStudy, centre: string, seq: number) => {
    const p = await insertTestParticipant(db, t.study, { centre, seq, enrolledOn: `2025-02-${String(seq).padStart(2, "0")}` });
    subjects.set(p.subjectCode, p);
    return p;
  };
  const assign = async (t: TestStudy, p: Participant, arm: number, position: number) => {
    await db.insert(allocationEntries).values({
      studyId: t.study.id,
      stratumKey: "all",
      position,
      blockNo: 1,
      blockSize: 4,
      armId: t.arms[arm].id,
      participantId: p.id,
      assignedAt: new Date("2025-02-01T02:00:00Z"),
    });
  };
  let position = 0;
  for (const [centre, n] of [["R01", 4], ["R20", 3]] as const) {
    for (let seq = 1; seq <= n; seq++) await assign(open, await enrol(open, centre, seq), seq % 2, ++position);
  }
  const blindR01 = await enrol(blind, "R01", 1);
  const blindR20 = await enrol(blind, "R20", 1);
  await assign(blind, blindR01, 0, 1);
  await assign(blind, blindR20, 1, 2);
  const [pi] = await db.select().from(users).where(eq(users.email, "pi@ncrc.demo"));
  await db.insert(unblindings).values({ participantId: blindR01.id, studyId: blind.study.id, reason: "SAE management", unblindedBy: pi.id });
  await enrol(obs, "R20", 1);

  const orgs = await db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const centreId = (code: string) => orgs.find((o) => o.code === code)!.id;
  let id = 900_000;
  const barcodes = new Map<string, string>();
  for (const p of [...subjects.values()].filter((s) => s.studyId === open.study.id)) {
    const sid = ++id;
    await db.insert(specimens).values({
      id: sid,
      barcode: barcodeFor(sid),
      category: "blood",
      type: "whole_blood",
      centreId: p.centreId,
      holderCentreId: p.centreId,
      participantId: p.id,
      subjectCode: p.subjectCode,
      collectedAt: new Date("2025-03-01T01:30:00Z"),
      quantity: "4.500",
      unit: "ml",
      futureConsent: "yes",
    });
    barcodes.set(p.subjectCode, barcodeFor(sid));
  }
  const firstR01 = "FH-OPEN-R01-0001";
  const parentId = Number(barcodes.get(firstR01)!.slice(2));
  const aliquotId = ++id;
  await db.insert(specimens).values({
    id: aliquotId,
    barcode: barcodeFor(aliquotId),
    category: "blood",
    type: "plasma",
    centreId: centreId("R01"),
    holderCentreId: centreId("R01"),
    subjectCode: firstR01,
    parentId,
    collectedAt: new Date("2025-03-01T01:30:00Z"),
    quantity: "1.000",
    unit: "ml",
    futureConsent: "yes",
    status: "reserved",
  });
  // An aliquot of an R20 tube sent on to the hub bank (TJ01): the hub holds it, not its parent.
  const hubAliquotId = ++id;
  await db.insert(specimens).values({
    id: hubAliquotId,
    barcode: barcodeFor(hubAliquotId),
    category: "blood",
    type: "serum",
    centreId: centreId("R20"),
    holderCentreId: centreId("TJ01"),
    subjectCode: "FH-OPEN-R20-0001",
    parentId: Number(barcodes.get("FH-OPEN-R20-0001")!.slice(2)),
    collectedAt: new Date("2025-03-01T01:30:00Z"),
    quantity: "0.500",
    unit: "ml",
    futureConsent: "yes",
  });
  const [donor] = await db.insert(donors).values({ donorCode: "D-FH-0001", futureConsent: "yes", consentDate: "2025-01-10", centreId: centreId("R01") }).returning();
  const donorSpecimenId = ++id;
  await db.insert(specimens).values({
    id: donorSpecimenId,
    barcode: barcodeFor(donorSpecimenId),
    category: "blood",
    type: "plasma",
    centreId: centreId("R01"),
    holderCentreId: centreId("R01"),
    donorId: donor.id,
    collectedAt: new Date("2025-03-02T01:30:00Z"),
    quantity: "2.000",
    unit: "ml",
    futureConsent: "yes",
    status: "quarantined",
  });
  return {
    open,
    blind,
    obs,
    subjects,
    /** Barcode of the tube of each FH-OPEN subject. */
    tubeOf: (subjectCode: string) => barcodes.get(subjectCode)!,
    aliquot: barcodeFor(aliquotId),
    hubAliquot: barcodeFor(hubAliquotId),
    donorSpecimen: barcodeFor(donorSpecimenId),
    blindR01,
    blindR20,
  };
}

export type FhirNetwork = Awaited<ReturnType<typeof seedFhirNetwork>>;

/** A personal access token of a user, written straight into the table; returns the secret for the Authorization header. */
export async function insertTestToken(
  db: Db,
  email: string,
  o: { studyIds?: number[] | null; expiresAt?: Date; revokedAt?: Date | null; access?: "read" | "read_write" } = {},
): Promise<string> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  const { secret, prefix } = newTokenSecret();
  await db.insert(apiTokens).values({
    userId: u.id,
    name: `test token ${prefix}`,
    tokenHash: hashToken(secret),
    prefix,
    access: o.access ?? "read",
    studyIds: o.studyIds ?? null,
    expiresAt: o.expiresAt ?? new Date("2099-01-01T00:00:00Z"),
    revokedAt: o.revokedAt ?? null,
  });
  return secret;
}
