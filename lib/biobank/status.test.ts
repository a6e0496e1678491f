import { describe, expect, it } from "vitest";
import { canMove, isStorable, isTerminal, nextStatuses, receiptStatus, SPECIMEN_STATUSES, statusChoices } from "@/lib/biobank/status";
import { planAliquots, toMilli } from "@/lib/biobank/quantity";
import { consentRefusal, mayDecideRelease } from "@/lib/biobank/release-gate";
import { isHgrApprovalNumber } from "@/lib/validation/hgr-approval";
import { SPECIMEN_STATUSES as STORED_STATUSES } from "@/lib/enums";
import { parseBarcodeList } from "@/lib/biobank/barcodes";

describe("specimen status moves", () => {
  it("follows available → reserved → in transit → received/terminal", () => {
    expect(canMove("available", "reserved")).toBe(true);
    expect(canMove("reserved", "in_transit")).toBe(true);
    expect(canMove("in_transit", "available")).toBe(true);
    expect(canMove("reserved", "distributed")).toBe(true);
    expect(canMove("available", "destroyed")).toBe(true);
  });
  it("refuses moves off the graph", () => {
    expect(canMove("available", "distributed")).toBe(false); // must be reserved by a release first
    expect(canMove("in_transit", "reserved")).toBe(false);
    expect(canMove("available", "available")).toBe(false);
    expect(canMove("missing", "in_transit")).toBe(false);
  });
  it("has no way out of depleted, distributed and destroyed", () => {
    for (const end of ["depleted", "distributed", "destroyed"] as const) {
      expect(isTerminal(end)).toBe(true);
      for (const to of SPECIMEN_STATUSES) expect(canMove(end, to)).toBe(false);
    }
    expect(nextStatuses("available").length).toBeGreaterThan(0);
  });
});

describe("a damaged tube on receipt", () => {
  it("is quarantined, not destroyed: reviewed later into available or destroyed", () => {
    expect(receiptStatus("damaged")).toBe("quarantined");
    expect(receiptStatus("received")).toBe("available");
    expect(receiptStatus("missing")).toBe("missing");
    expect(canMove("in_transit", "quarantined")).toBe(true);
    expect(isTerminal("quarantined")).toBe(false);
    expect(nextStatuses("quarantined")).toEqual(["available", "destroyed"]);
    // Kept frozen while it waits, but never shipped on, reserved or aliquoted from quarantine.
    expect(isStorable("quarantined")).toBe(true);
    expect(canMove("quarantined", "in_transit")).toBe(false);
    expect(canMove("quarantined", "reserved")).toBe(false);
  });
  it("the life-cycle graph and the stored enum list the same statuses", () => {
    expect([...SPECIMEN_STATUSES].sort()).toEqual([...STORED_STATUSES].sort());
  });
});

describe("the manual status select", () => {
  it("never offers a destructive status first, and marks each destructive one", () => {
    for (const from of SPECIMEN_STATUSES) {
      const choices = statusChoices(from);
      const firstDestructive = choices.findIndex((c) => c.destructive);
      if (firstDestructive >= 0) expect(choices.slice(firstDestructive).every((c) => c.destructive)).toBe(true);
      for (const c of choices) {
        expect(canMove(from, c.status)).toBe(true);
        expect(c.destructive).toBe(isTerminal(c.status));
      }
    }
    expect(statusChoices("quarantined")).toEqual([
      { status: "available", destructive: false },
      { status: "destroyed", destructive: true },
    ]);
    expect(statusChoices("missing")[0]).toEqual({ status: "available", destructive: false });
    expect(statusChoices("available").map((c) => c.status)).toEqual(["depleted", "destroyed"]);
    expect(statusChoices("destroyed")).toEqual([]);
  });
});

describe("aliquot quantities", () => {
  it("accepts parts that add up to at most the parent and reports the remainder", () => {
    expect(planAliquots(toMilli("2.000"), [toMilli(0.5), toMilli(0.5), toMilli(1)])).toEqual({ ok: true, remainderMilli: 0 });
    expect(planAliquots(toMilli("2.5"), [toMilli(0.3), toMilli(0.3)])).toEqual({ ok: true, remainderMilli: 1900 });
  });
  it("refuses parts that exceed the parent, empty or zero parts", () => {
    expect(planAliquots(toMilli("1"), [toMilli(0.6), toMilli(0.5)])).toEqual({ ok: false, reason: "exceeds" });
    expect(planAliquots(1000, [])).toEqual({ ok: false, reason: "empty" });
    expect(planAliquots(1000, [0])).toEqual({ ok: false, reason: "nonPositive" });
  });
  it("adds decimals exactly (0.1 + 0.2 = 0.3)", () => {
    expect(planAliquots(toMilli("0.3"), [toMilli(0.1), toMilli(0.2)])).toEqual({ ok: true, remainderMilli: 0 });
  });
});

describe("release gates", () => {
  it("consent: no never, limited only without genetic use", () => {
    expect(consentRefusal("no", false)).toBe("consentNo");
    expect(consentRefusal("limited", true)).toBe("consentLimited");
    expect(consentRefusal("limited", false)).toBeNull();
    expect(consentRefusal("yes", true)).toBeNull();
  });
  it("HGR approval numbers carry a year and a serial", () => {
    expect(isHgrApprovalNumber("国科遗办审字[2023]CJ1234")).toBe(true);
    expect(isHgrApprovalNumber("2024CJ0456")).toBe(true);
    expect(isHgrApprovalNumber("")).toBe(false);
    expect(isHgrApprovalNumber("pending")).toBe(false);
    expect(isHgrApprovalNumber(null)).toBe(false);
  });
  it("four eyes: the requester never decides their own release", () => {
    expect(mayDecideRelease({ id: 7 }, { requestedBy: 7 })).toBe(false);
    expect(mayDecideRelease({ id: 8 }, { requestedBy: 7 })).toBe(true);
    expect(mayDecideRelease({ id: 8 }, { requestedBy: null })).toBe(true);
  });
  it("barcode lists are parsed and checked", () => {
    expect(parseBarcodeList("nb000000001, NB000000002\nNB000000001")).toEqual({ ok: true, list: ["NB000000001", "NB000000002"] });
    expect(parseBarcodeList("NB1").ok).toBe(false);
  });
});
