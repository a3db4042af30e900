import { describe, expect, it } from "vitest";
import { decide, teamsOf } from "./access";
import type { Identity } from "./identity";
import { ACTIONS, ROLES, actionsOf, type Action, type Role } from "./roles";

const PAYMENTS = "0b7a3c1e-8f4d-4c2b-9e6a-1d2f3a4b5c6d";
const SEARCH = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
const teams = [
  { name: "payments", entraGroupIds: [PAYMENTS] },
  { name: "search", entraGroupIds: [SEARCH] },
  { name: "platform" },
];

function user(roles: Role[], groups: string[] = []): Identity {
  return { subject: "u", name: "u", roles, groups, via: "easyauth" };
}

describe("roles", () => {
  it("grant the public matrix exactly", () => {
    const matrix = Object.fromEntries(ROLES.map((role) => [role, [...actionsOf(role)].sort()]));
    expect(matrix).toEqual({
      "Ledger.Admin": [...ACTIONS].sort(),
      "Ledger.FinOps": ["edit-chargeback", "gate", "import-bills", "read", "read-audit"],
      "Ledger.Platform": ["edit-policy", "gate", "import-in-use", "read", "request-sync"],
      "Ledger.Reader": ["gate", "read"],
      "Ledger.Gate": ["gate"],
    });
  });
});

describe("decide", () => {
  it("gives a role's actions over the whole estate and refuses the others", () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        const decision = decide(user([role]), { action }, teams);
        expect(decision.ok, `${role} ${action}`).toBe(actionsOf(role).includes(action as Action));
        if (decision.ok) expect(decision.access).toEqual({ kind: "all" });
      }
    }
  });

  it("lets a member without a role read its teams' views only, by group, in any case", () => {
    const member = user([], [PAYMENTS.toUpperCase(), "ffffffff-0000-4000-8000-000000000000"]);
    expect(teamsOf(member, teams)).toEqual(["payments"]);
    expect(decide(member, { action: "read", teamScoped: true }, teams)).toEqual({
      ok: true,
      access: { kind: "teams", teams: ["payments"] },
    });
    expect(decide(member, { action: "read" }, teams)).toMatchObject({ ok: false, status: 403 });
    expect(decide(member, { action: "edit-chargeback" }, teams)).toMatchObject({ ok: false, status: 403 });
    expect(decide(member, { action: "gate" }, teams)).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses an identity with no role and no team, even on team views", () => {
    expect(
      decide(user([], ["ffffffff-0000-4000-8000-000000000000"]), { action: "read", teamScoped: true }, teams),
    ).toEqual({
      ok: false,
      status: 403,
      reason: "no Registry Ledger role and no team",
    });
  });

  it("does not widen a gate-only identity to its teams", () => {
    expect(decide(user(["Ledger.Gate"], [PAYMENTS]), { action: "read", teamScoped: true }, teams)).toMatchObject({
      ok: false,
    });
  });
});
