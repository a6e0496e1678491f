import { describe, expect, it } from "vitest";
import { boxPath, positionLabel, specimenLocation, storagePath, withLocation } from "@/lib/biobank/location";

const stored = { storeCode: "TJ01", freezerCode: "F1", rackCode: "R2", boxCode: "B03", posRow: 1, posCol: 3 };

describe("the specimen location", () => {
  it("is the storing centre, then freezer / rack / box / position", () => {
    expect(specimenLocation(stored)).toBe("TJ01 / F1 / R2 / B03 / A3");
    expect(positionLabel(26, 12)).toBe("Z12");
  });
  it("is null for a specimen in no box (or with any part missing)", () => {
    expect(specimenLocation({ storeCode: null, freezerCode: null, rackCode: null, boxCode: null, posRow: null, posCol: null })).toBeNull();
    expect(specimenLocation({ ...stored, posCol: null })).toBeNull();
  });
  it("shares its box path and separator with the storage pages", () => {
    expect(boxPath(stored)).toBe("TJ01 / F1 / R2 / B03");
    expect(storagePath("F1", "R2")).toBe("F1 / R2");
    expect(specimenLocation(stored)?.startsWith(boxPath(stored))).toBe(true);
  });
  it("replaces a read's storage columns by the one string", () => {
    expect(withLocation({ barcode: "NB000000001", ...stored })).toEqual({ barcode: "NB000000001", location: "TJ01 / F1 / R2 / B03 / A3" });
  });
});
