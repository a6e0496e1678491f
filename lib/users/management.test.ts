import { describe, expect, it } from "vitest";
import { NETWORK_ROLES } from "@/lib/enums";
import { grantableRoles, mayHoldUnder, mayManageUser, rolesGrantableSomewhere } from "@/lib/users/management";

// A coordinator at /1/2/5/ (a regional centre under sub-centre 2 under the hub 1).
const coord = { id: 10, role: "centre_coordinator" as const, centrePath: "/1/2/5/" };
const admin = { id: 1, role: "network_admin" as const, centrePath: "/1/" };
const AT = { own: "/1/2/5/", below: "/1/2/5/9/", above: "/1/2/", elsewhere: "/1/3/7/", lookalike: "/1/2/50/" };

describe("who may hold which role under whom", () => {
  it("a coordinator: centre-bound roles in their subtree, coordinators strictly below, nothing else", () => {
    expect(mayHoldUnder(coord, "site_staff", AT.own)).toBe(true);
    expect(mayHoldUnder(coord, "biobank_manager", AT.below)).toBe(true);
    expect(mayHoldUnder(coord, "centre_coordinator", AT.below)).toBe(true);
    expect(mayHoldUnder(coord, "centre_coordinator", AT.own)).toBe(false);
    for (const role of ["pi", "monitor", "viewer", "network_admin"] as const) {
      for (const path of Object.values(AT)) expect(mayHoldUnder(coord, role, path), `${role} at ${path}`).toBe(false);
    }
    for (const role of NETWORK_ROLES) {
      expect(mayHoldUnder(coord, role, AT.above)).toBe(false);
      expect(mayHoldUnder(coord, role, AT.elsewhere)).toBe(false);
      // /1/2/50/ is not inside /1/2/5/ although the string starts alike.
      expect(mayHoldUnder(coord, role, AT.lookalike)).toBe(false);
    }
  });

  it("a network administrator: any role anywhere; other roles: nothing", () => {
    for (const role of NETWORK_ROLES) expect(mayHoldUnder(admin, role, AT.elsewhere)).toBe(true);
    for (const actorRole of ["pi", "site_staff", "monitor", "biobank_manager", "viewer"] as const) {
      for (const role of NETWORK_ROLES) expect(mayHoldUnder({ role: actorRole, centrePath: "/1/" }, role, AT.below)).toBe(false);
    }
  });

  it("nobody manages their own account here", () => {
    expect(mayManageUser(admin, { id: 1, role: "network_admin", centrePath: "/1/" })).toBe(false);
    expect(mayManageUser(coord, { id: 10, role: "centre_coordinator", centrePath: AT.own })).toBe(false);
    expect(mayManageUser(coord, { id: 11, role: "site_staff", centrePath: AT.own })).toBe(true);
  });

  it("the role selects offer exactly the grantable roles", () => {
    expect(grantableRoles(coord, NETWORK_ROLES, AT.own)).toEqual(["site_staff", "biobank_manager", "molecular_lab"]);
    expect(grantableRoles(coord, NETWORK_ROLES, AT.below).sort()).toEqual(["biobank_manager", "centre_coordinator", "molecular_lab", "site_staff"]);
    expect(rolesGrantableSomewhere(coord, NETWORK_ROLES).sort()).toEqual(["biobank_manager", "centre_coordinator", "molecular_lab", "site_staff"]);
    expect(rolesGrantableSomewhere(admin, NETWORK_ROLES)).toEqual([...NETWORK_ROLES]);
    expect(rolesGrantableSomewhere({ role: "pi" }, NETWORK_ROLES)).toEqual([]);
  });
});
