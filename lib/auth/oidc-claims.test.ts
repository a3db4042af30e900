import { describe, expect, it } from "vitest";
import { identityFromIdToken, safeReturnTo } from "./oidc-claims";

const exp = 1_900_000_000;

describe("identityFromIdToken", () => {
  it("reads Entra's oid, name, app roles and groups, dropping other apps' roles", () => {
    const signedIn = identityFromIdToken({
      sub: "pairwise-sub",
      oid: "0d1e-oid",
      name: "Fiona FinOps",
      preferred_username: "fiona@example.com",
      roles: ["Ledger.FinOps", "Other.App.Role"],
      groups: ["g1", "g2", "g1"],
      exp,
    });
    expect(signedIn).toEqual({
      identity: {
        subject: "0d1e-oid",
        name: "Fiona FinOps",
        roles: ["Ledger.FinOps"],
        groups: ["g1", "g2"],
        via: "session",
      },
      groupsOverage: false,
      expiresAt: exp,
    });
  });

  it("falls back to sub and preferred_username, and flags a groups overage", () => {
    const signedIn = identityFromIdToken({
      sub: "s1",
      preferred_username: "lee@example.com",
      _claim_names: { groups: "src1" },
      _claim_sources: { src1: { endpoint: "https://graph.windows.net/t/users/s1/getMemberObjects" } },
      exp,
    });
    expect(signedIn.identity).toMatchObject({ subject: "s1", name: "lee@example.com", roles: [], groups: [] });
    expect(signedIn.groupsOverage).toBe(true);
  });

  it("refuses claims without a subject or expiry", () => {
    expect(() => identityFromIdToken({ name: "x", exp })).toThrow();
    expect(() => identityFromIdToken({ sub: "x" })).toThrow();
  });
});

describe("safeReturnTo", () => {
  it.each([
    ["/costs?month=2026-11", "/costs?month=2026-11"],
    ["/registries/a%2Fb#top", "/registries/a%2Fb#top"],
    [null, "/"],
    ["", "/"],
    ["costs", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/ok\n", "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("%j -> %j", (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });
});
