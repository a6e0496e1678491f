import { expect } from "vitest";
import type { Db } from "@/db/client";
import { loadActorBySession } from "@/lib/auth/sessions";
import { importResultsCommand } from "@/lib/molecular/commands/import-results";
import { orderTestCommand } from "@/lib/molecular/commands/order-test";
import { receiveOrderCommand } from "@/lib/molecular/commands/receive-order";
import { reportOrderCommand } from "@/lib/molecular/commands/report-order";
import { startAnalysisCommand } from "@/lib/molecular/commands/start-analysis";
import { expectOk } from "@/lib/testing/results";
import { runCommand } from "@/lib/testing/run-command";
import { signInAs } from "@/lib/testing/session";

/** The demo molecular lab's account (at TJ01). */
export const MOLECULAR_LAB = "lab@ncrc.demo";

/** One line of a lab's tab-separated results table. */
export const tsv = (...cols: string[]) => cols.join("\t");
/** The header line of a lab's results table. */
export const RESULT_HEAD = tsv("gene", "transcript", "hgvs_c", "hgvs_p", "variant_type", "vaf", "depth", "classification");

/** The signed-in actor of a demo account, as a read's door sees it. */
export async function signedInActor(db: Db, email: string) {
  const a = await loadActorBySession(db, (await signInAs(db, email)).sessionId);
  if (!a) throw new Error("no actor");
  return a;
}

type Refusable = { ok: boolean; fieldErrors?: Record<string, string[]>; message?: string };

/** A call that must be refused (with an error on `field` when given) and leave the `counts` unchanged. */
export function refusedNothingWrittenBy(counts: () => Promise<Record<string, number>>) {
  return async function refusedNothingWritten(call: () => Promise<Refusable>, field?: string): Promise<Refusable> {
    const before = await counts();
    const r = await call();
    expect(r.ok).toBe(false);
    if (field) expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
    expect(await counts()).toEqual(before);
    return r;
  };
}

/** A test ordered on a specimen and taken by the lab through every step to reported, through the real commands; its order id. */
export async function reportedOrder(o: {
  orderer: string;
  specimenId: number;
  labCentreId: number;
  origin?: "somatic" | "germline";
  testKind?: string;
  lines: string[];
  importExtra?: Record<string, unknown>;
  figures?: Record<string, unknown>;
}) {
  const { id } = expectOk(await runCommand(o.orderer, orderTestCommand, { specimenId: o.specimenId, labCentreId: o.labCentreId, testKind: o.testKind ?? "ngs_panel", origin: o.origin ?? "somatic" }));
  expectOk(await runCommand(MOLECULAR_LAB, receiveOrderCommand, { orderId: id }));
  expectOk(await runCommand(MOLECULAR_LAB, startAnalysisCommand, { orderId: id }));
  expectOk(await runCommand(MOLECULAR_LAB, importResultsCommand, { orderId: id, format: "table", lines: o.lines, ...o.importExtra }));
  expectOk(await runCommand(MOLECULAR_LAB, reportOrderCommand, { orderId: id, ...(o.figures ?? { tumourContentPct: 40, meanDepth: 900, coveragePct: 98.5 }) }));
  return id;
}
