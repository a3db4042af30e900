/**
 * The whole browser sign-in against a real OpenID provider, driven with fetch: sign-in redirects
 * to the issuer with PKCE, the login form is filled in, the callback exchanges the code and sets
 * the session cookie, which then authorizes as the user's roles and groups (the overage user's
 * read from the Graph stand-in). Also: a wrong password, a forged state, an expired session and
 * sign-out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cliActor } from "@/lib/audit/actor";
import { authorizeRequest } from "@/lib/auth/server/authorize";
import { identityFromSession, seal, SESSION_COOKIE, SIGN_IN_COOKIE } from "@/lib/auth/server/session";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import type { RunningIdentityProvider } from "@/lib/simulator/identity-provider/server";
import { DEMO_OVERAGE_GROUP_IDS, DEMO_TEAM_GROUP_ID, DEMO_USERS } from "@/lib/simulator/identity-provider/users";
import { useTestDatabase } from "@/lib/testing/database";
import { oidcEnvFor, startTestIdentityProvider } from "@/lib/testing/identity-provider";
import { GET as callback } from "./callback/route";
import { GET as signIn } from "./sign-in/route";
import { GET as signOut } from "./sign-out/route";

useTestDatabase();

const APP = "http://127.0.0.1:3000";
let idp: RunningIdentityProvider;
let env: Record<string, string>;

beforeAll(async () => {
  idp = await startTestIdentityProvider({ appUrl: APP });
  env = oidcEnvFor(idp, APP);
});
afterAll(() => idp.close());
beforeEach(() => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
});

/** The cookies a browser would keep for the identity provider (paths ignored: one site). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}
const valueOf = (cookie: string | undefined) => cookie?.split(";")[0].split("=").slice(1).join("=") ?? "";

/** Follows the issuer's redirects until it sends the browser back to the app (or shows a page). */
async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  let response = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: jar.header() } });
  jar.keep(response);
  while (response.status >= 300 && response.status < 400) {
    const next = new URL(response.headers.get("location")!, url);
    if (next.origin !== idp.issuer) return response;
    url = next.href;
    response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.keep(response);
  }
  return response;
}

async function signInAs(username: string, password: string, returnTo = "/costs") {
  const started = await signIn(new Request(`${APP}/api/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`));
  expect(started.status).toBe(303);
  const pending = valueOf(setCookie(started, SIGN_IN_COOKIE));
  const jar = new CookieJar();
  const loginPage = await browse(jar, started.headers.get("location")!);
  expect(loginPage.status).toBe(200);
  const action = /action="([^"]+)"/.exec(await loginPage.text())![1];
  const answer = await browse(jar, new URL(action, idp.issuer).href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }).toString(),
  });
  return { answer, pending };
}

async function completeAs(username: string, returnTo = "/costs") {
  const user = DEMO_USERS.find((u) => u.username === username)!;
  const { answer, pending } = await signInAs(user.username, user.password, returnTo);
  const back = answer.headers.get("location")!;
  expect(back.startsWith(`${APP}/api/auth/callback?`)).toBe(true);
  const done = await callback(new Request(back, { headers: { cookie: `${SIGN_IN_COOKIE}=${pending}` } }));
  const session = setCookie(done, SESSION_COOKIE);
  return { done, session, cookie: `${SESSION_COOKIE}=${valueOf(session)}` };
}

const sessionGroups = async (cookie: string, secret: string) =>
  (await identityFromSession(new Headers({ cookie }), secret))?.groups;
const withCookie = (cookie: string) => new Request(`${APP}/costs`, { headers: { cookie } });

describe("sign-in with AUTH_MODE=oidc", () => {
  it("ends with a session cookie that authorizes as the user's roles, back where it started", async () => {
    const { done, session, cookie } = await completeAs("finops", "/costs?month=2026-11");
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${APP}/costs?month=2026-11`);
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/i); // AUTH_URL is http here
    expect(session).toMatch(/Max-Age=(\d+)/);
    expect(Number(/Max-Age=(\d+)/.exec(session!)![1])).toBeLessThanOrEqual(8 * 3600);

    const { identity } = await authorizeRequest(withCookie(cookie), { action: "edit-chargeback" });
    expect(identity).toMatchObject({ name: "Fiona FinOps", roles: ["Ledger.FinOps"], via: "session" });
    await expect(authorizeRequest(withCookie(cookie), { action: "edit-policy" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("gives a team lead their groups and no role, and the overage user the groups Graph answers", async () => {
    const lead = await completeAs("lead");
    const leadIdentity = await authorizeRequest(withCookie(lead.cookie), { action: "read", teamScoped: true }).then(
      (a) => a.identity,
      (e: { code: string }) => e.code,
    );
    // No team names the group yet: signed in (not 401), but no team to read.
    expect(leadIdentity).toBe("forbidden");
    const teams = { teams: [{ name: "payments", entraGroupIds: [DEMO_TEAM_GROUP_ID] }], rules: [] };
    await saveChargebackConfig(JSON.stringify(teams), cliActor("test", "oidc"));
    const { identity, access } = await authorizeRequest(withCookie(lead.cookie), { action: "read", teamScoped: true });
    expect(identity).toMatchObject({ name: "Lee Lead", roles: [], groups: [DEMO_TEAM_GROUP_ID] });
    expect(access).toMatchObject({ kind: "teams", teams: ["payments"] });
    await expect(authorizeRequest(withCookie(lead.cookie), { action: "read" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(authorizeRequest(withCookie("nothing=1"), { action: "read" })).rejects.toMatchObject({
      code: "unauthenticated",
    });

    expect(await sessionGroups(lead.cookie, env.AUTH_SECRET)).toEqual([DEMO_TEAM_GROUP_ID]);
    const overage = await completeAs("overage");
    expect(await sessionGroups(overage.cookie, env.AUTH_SECRET)).toEqual([
      DEMO_TEAM_GROUP_ID,
      ...DEMO_OVERAGE_GROUP_IDS,
    ]);
  });

  it("keeps the login form on a wrong password, and refuses a forged state or a stale session", async () => {
    const { answer } = await signInAs("finops", "wrong");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/Wrong username or password/);

    const user = DEMO_USERS.find((u) => u.username === "reader")!;
    const { answer: back, pending } = await signInAs(user.username, user.password);
    const forged = new URL(back.headers.get("location")!);
    forged.searchParams.set("state", "forged");
    const refused = await callback(new Request(forged, { headers: { cookie: `${SIGN_IN_COOKIE}=${pending}` } }));
    expect(refused.status).toBe(401);
    const noCookie = await callback(new Request(back.headers.get("location")!));
    expect(noCookie.status).toBe(401);

    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await seal(
      { sub: "x", name: "x", roles: ["Ledger.Admin"], groups: [] },
      env.AUTH_SECRET,
      "session",
      past,
    );
    await expect(
      authorizeRequest(withCookie(`${SESSION_COOKIE}=${expired}`), { action: "read" }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    const otherSecret = await seal(
      { sub: "x", name: "x", roles: ["Ledger.Admin"], groups: [] },
      "another-secret-another-secret-another",
      "session",
      past + 3600,
    );
    await expect(
      authorizeRequest(withCookie(`${SESSION_COOKIE}=${otherSecret}`), { action: "read" }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("signs out: the session cleared, then the issuer's end-session endpoint back to AUTH_URL", async () => {
    const response = await signOut(new Request(`${APP}/api/auth/sign-out`));
    expect(response.status).toBe(303);
    const to = new URL(response.headers.get("location")!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${APP}/`);
    expect(setCookie(response, SESSION_COOKIE)).toMatch(/Max-Age=0/);
  });

  it("answers 404 when sign-in is off", async () => {
    vi.stubEnv("AUTH_MODE", "easyauth");
    expect((await signIn(new Request(`${APP}/api/auth/sign-in`))).status).toBe(404);
  });
});
