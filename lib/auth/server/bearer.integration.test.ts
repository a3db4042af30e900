/**
 * Bearer tokens against a real OpenID provider: client-credentials tokens authorize per their
 * roles; a token for another audience, an expired one, one signed by another key, or garbage is
 * a 401 carrying `WWW-Authenticate: Bearer error="invalid_token"`.
 */
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as syncStatus } from "@/app/api/sync/status/route";
import { isLedgerError } from "@/lib/errors";
import { DEMO_PIPELINES } from "@/lib/simulator/identity-provider/users";
import type { RunningIdentityProvider } from "@/lib/simulator/identity-provider/server";
import { useTestDatabase } from "@/lib/testing/database";
import { clientCredentialsToken, oidcEnvFor, startTestIdentityProvider } from "@/lib/testing/identity-provider";
import { authorizeRequest } from "./authorize";

useTestDatabase();

let idp: RunningIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
});
afterAll(() => idp.close());

const pipeline = (clientId: string) => DEMO_PIPELINES.find((p) => p.clientId === clientId)!;
const withBearer = (token: string) =>
  new Request("http://127.0.0.1:3000/api/sync/status", { headers: { authorization: `Bearer ${token}` } });
const now = () => Math.floor(Date.now() / 1000);

async function refusal(token: string): Promise<string> {
  const error = await authorizeRequest(withBearer(token), { action: "gate" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isLedgerError(error, "unauthenticated")).toBe(true);
  return (error as Error).message;
}

describe.each(["easyauth", "oidc"] as const)("bearer tokens in %s mode", (mode) => {
  beforeEach(() => {
    for (const [name, value] of Object.entries(oidcEnvFor(idp))) vi.stubEnv(name, value);
    vi.stubEnv("AUTH_MODE", mode);
  });

  it("lets a pipeline's client-credentials token in per its roles", async () => {
    const gate = await clientCredentialsToken(idp, pipeline("ledger-pipeline-gate"));
    const { identity } = await authorizeRequest(withBearer(gate), { action: "gate" });
    expect(identity).toMatchObject({ subject: "ledger-pipeline-gate", roles: ["Ledger.Gate"], via: "bearer" });
    await expect(authorizeRequest(withBearer(gate), { action: "read" })).rejects.toMatchObject({ code: "forbidden" });

    const reader = await clientCredentialsToken(idp, pipeline("ledger-pipeline-reader"));
    expect((await syncStatus(withBearer(reader))).status).toBe(200);
    expect((await syncStatus(withBearer(gate))).status).toBe(403);
  });

  it("refuses a token for another audience, an expired one, another issuer's and garbage", async () => {
    const { clientId, clientSecret } = idp.webClient;
    const forGraph = await clientCredentialsToken(idp, { clientId, clientSecret }, idp.graphUrl);
    expect(await refusal(forGraph)).toMatch(/aud/);

    const claims = { sub: "ledger-pipeline-gate", roles: ["Ledger.Gate"], iss: idp.issuer, aud: idp.apiAudience };
    const expired = await idp.signToken({ ...claims, iat: now() - 7200, exp: now() - 3600 });
    expect(await refusal(expired)).toMatch(/exp/);

    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(await refusal(forged)).toMatch(/invalid bearer token/);

    for (const token of [expired, forged, "not-a-jwt"]) {
      const response = await syncStatus(withBearer(token));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    }
  });

  it("answers a request with no token and no sign-in 401 with a plain Bearer challenge", async () => {
    const response = await syncStatus(new Request("http://127.0.0.1:3000/api/sync/status"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });
});
