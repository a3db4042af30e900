import { describe, expect, it } from "vitest";
import { identityFromEasyAuth } from "./easyauth";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("identityFromEasyAuth", () => {
  it("reads roles, groups and the name from the principal as App Service sends it", () => {
    const header = encode({
      auth_typ: "aad",
      name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
      role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
      claims: [
        { typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val: "Ledger.FinOps" },
        { typ: "roles", val: "Other.App.Role" },
        { typ: "groups", val: "0b7a3c1e-8f4d-4c2b-9e6a-1d2f3a4b5c6d" },
        { typ: "http://schemas.microsoft.com/identity/claims/objectidentifier", val: "oid-1" },
        { typ: "name", val: "Fiona Finance" },
      ],
    });
    expect(identityFromEasyAuth(header, "fiona@contoso.com")).toEqual({
      subject: "oid-1",
      name: "fiona@contoso.com",
      roles: ["Ledger.FinOps"],
      groups: ["0b7a3c1e-8f4d-4c2b-9e6a-1d2f3a4b5c6d"],
      via: "easyauth",
    });
  });

  it("takes the issue's short claim types and falls back to the name claim", () => {
    const header = encode({
      auth_typ: "aad",
      name_typ: "name",
      role_typ: "roles",
      claims: [
        { typ: "roles", val: "Ledger.Platform" },
        { typ: "name", val: "Pat Platform" },
      ],
    });
    expect(identityFromEasyAuth(header, null)).toMatchObject({ name: "Pat Platform", roles: ["Ledger.Platform"] });
  });

  it("answers null for a missing, non-base64-JSON or shapeless header", () => {
    expect(identityFromEasyAuth(null, "x")).toBeNull();
    expect(identityFromEasyAuth("not base64 json", null)).toBeNull();
    expect(identityFromEasyAuth(encode({ claims: "no" }), null)).toBeNull();
  });
});
