/**
 * App Service / Container Apps built-in authentication: the platform signs the user in and
 * forwards who it is in X-MS-CLIENT-PRINCIPAL (base64 JSON of the token's claims). Trusted only
 * in easyauth mode, where the platform strips the header from outside requests.
 */
import { z } from "zod";
import { knownRoles, type Identity } from "./identity";

const principalSchema = z.object({
  auth_typ: z.string().optional(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});

const OID_CLAIMS = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
const NAME_CLAIMS = ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

/** The identity in the headers, or null when the header is missing or not a principal. */
export function identityFromEasyAuth(principalHeader: string | null, nameHeader: string | null): Identity | null {
  if (!principalHeader) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(principalHeader, "base64").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = principalSchema.safeParse(json);
  if (!parsed.success) return null;
  const { claims, role_typ: roleType, name_typ: nameType } = parsed.data;
  const values = (types: readonly string[]) => claims.filter((c) => types.includes(c.typ)).map((c) => c.val);
  const roles = knownRoles(values(["roles", ...(roleType ? [roleType] : [])]));
  const groups = [...new Set(values(["groups"]))];
  const name = nameHeader ?? values([...(nameType ? [nameType] : []), ...NAME_CLAIMS])[0] ?? "signed-in user";
  const subject = values(OID_CLAIMS)[0] ?? values(["sub"])[0] ?? name;
  return { subject, name, roles, groups, via: "easyauth" };
}
