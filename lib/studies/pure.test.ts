import { describe, expect, it } from "vitest";
import { parseLevelList } from "@/lib/studies/level-list";
import { STUDY_SITE_STATUSES, STUDY_STATUSES } from "@/lib/enums";
import { studyAccessNote } from "@/lib/studies/access-note";
import { canMoveSite, canMoveStudy, nextSiteStatuses, nextStudyStatuses, protocolChangesNeedAmendment, stopsSite, stopsStudy } from "@/lib/studies/lifecycle";
import { recruitingGateFailures, type RecruitingGateInput } from "@/lib/studies/recruiting-gates";
import { normaliseRegistryNo } from "@/lib/studies/registry";

describe("registry numbers", () => {
  it.each([
    ["ChiCTR2300071234", "ChiCTR2300071234"],
    ["chictr2300071234", "ChiCTR2300071234"],
    ["ChiCTR-TRC-12345678", "ChiCTR-TRC-12345678"],
    ["ChiCTR-IOR-17011234", "ChiCTR-IOR-17011234"],
    [" NCT04512345 ", "NCT04512345"],
  ])("accepts %s", (raw, canonical) => expect(normaliseRegistryNo(raw)).toBe(canonical));
  it.each(["ChiCTR230007123", "ChiCTR23000712345", "ChiCTR-TR-12345678", "ChiCTR-TRC-1234567", "NCT1234567", "NCT123456789", "ISRCTN12345678", ""])(
    "refuses %s",
    (raw) => expect(normaliseRegistryNo(raw)).toBeNull(),
  );
});

describe("study lifecycle", () => {
  it("allows exactly the designed transitions", () => {
    expect(nextStudyStatuses("draft")).toEqual(["ethics_review"]);
    expect(nextStudyStatuses("ethics_review")).toEqual(["recruiting"]);
    expect(canMoveStudy("recruiting", "suspended")).toBe(true);
    expect(canMoveStudy("suspended", "recruiting")).toBe(true);
    expect(canMoveStudy("suspended", "closed_to_accrual")).toBe(true);
    expect(canMoveStudy("closed_to_accrual", "completed")).toBe(true);
    expect(canMoveStudy("draft", "recruiting")).toBe(false);
    expect(canMoveStudy("completed", "recruiting")).toBe(false);
    expect(canMoveStudy("closed_to_accrual", "recruiting")).toBe(false);
    expect(canMoveStudy("recruiting", "draft")).toBe(false);
  });
  it("makes protocol changes amendments once past draft and ethics review", () => {
    expect(protocolChangesNeedAmendment("draft")).toBe(false);
    expect(protocolChangesNeedAmendment("ethics_review")).toBe(false);
    expect(protocolChangesNeedAmendment("recruiting")).toBe(true);
    expect(protocolChangesNeedAmendment("suspended")).toBe(true);
  });
  it("moves sites pending → active ⇄ suspended → closed", () => {
    expect(canMoveSite("pending", "active")).toBe(true);
    expect(canMoveSite("active", "suspended")).toBe(true);
    expect(canMoveSite("suspended", "active")).toBe(true);
    expect(canMoveSite("active", "closed")).toBe(true);
    expect(canMoveSite("closed", "active")).toBe(false);
    expect(canMoveSite("pending", "suspended")).toBe(false);
  });
});

describe("recruiting gates", () => {
  const ready: RecruitingGateInput = {
    design: "randomized",
    registryNo: "NCT04512345",
    ethicsApprovalDate: "2024-01-10",
    criteriaCount: 5,
    activeSiteCount: 2,
    armRatios: [2, 1],
    randomizationMethod: "permuted_blocks",
    blinding: "open",
  };
  it("passes a complete randomized study", () => expect(recruitingGateFailures(ready)).toEqual([]));
  it.each([
    [{ registryNo: null }, "studies.gates.registryNo"],
    [{ ethicsApprovalDate: null }, "studies.gates.ethics"],
    [{ criteriaCount: 0 }, "studies.gates.criteria"],
    [{ activeSiteCount: 0 }, "studies.gates.activeSite"],
    [{ armRatios: [1] }, "studies.gates.arms"],
    [{ armRatios: [2, 0] }, "studies.gates.ratio"],
    [{ randomizationMethod: null }, "studies.gates.method"],
  ])("names the one unmet condition %o", (patch, key) => expect(recruitingGateFailures({ ...ready, ...patch })).toEqual([key]));
  it("does not ask an observational study for arms", () =>
    expect(recruitingGateFailures({ ...ready, design: "observational", armRatios: [], randomizationMethod: null, blinding: null })).toEqual([]));
  it("lists every unmet condition at once", () =>
    expect(recruitingGateFailures({ ...ready, registryNo: null, activeSiteCount: 0 })).toEqual(["studies.gates.registryNo", "studies.gates.activeSite"]));
});

describe("stratification level lists", () => {
  it("parses codes and both names", () =>
    expect(parseLevelList("m:男:Male; F：女：Female")).toEqual([
      { code: "M", nameZh: "男", nameEn: "Male" },
      { code: "F", nameZh: "女", nameEn: "Female" },
    ]));
  it.each(["M:男:Male", "M:男; F:女:Female", "M:男:Male; M:女:Female", "bad code:x:y; F:女:Female"])("refuses %s", (t) => expect(parseLevelList(t)).toBeNull());
});

describe("moves that stop enrolment (confirmed, never pre-selected)", () => {
  it("are suspending, closing and completing a study, and suspending or closing a site", () => {
    expect(STUDY_STATUSES.filter(stopsStudy)).toEqual(["suspended", "closed_to_accrual", "completed"]);
    expect(STUDY_SITE_STATUSES.filter(stopsSite)).toEqual(["suspended", "closed"]);
  });

  it("are among the choices of a recruiting study and an active site, so their forms start at 'choose…'", () => {
    expect(nextStudyStatuses("recruiting").every(stopsStudy)).toBe(true);
    expect(nextSiteStatuses("active").every(stopsSite)).toBe(true);
    expect(nextStudyStatuses("suspended").filter((s) => !stopsStudy(s))).toEqual(["recruiting"]);
  });
});

describe("the note on a study's pages for someone who does not manage it", () => {
  it("tells site staff where their work is, others who manages the study, and managers nothing", () => {
    expect(studyAccessNote({ role: "site_staff" }, { manage: false })).toBe("readOnlySiteWork");
    for (const role of ["viewer", "monitor", "centre_coordinator", "pi", "biobank_manager"] as const) expect(studyAccessNote({ role }, { manage: false })).toBe("readOnly");
    expect(studyAccessNote({ role: "pi" }, { manage: true })).toBeNull();
  });
});
