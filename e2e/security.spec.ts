import { expect, test, type APIResponse, type Page, type Request } from "@playwright/test";

const FOREIGN = "https://evil.example";
const HSTS = "max-age=31536000; includeSubDomains";

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
}

/** Every CSP violation the page reports, from Chromium's console message and the DOM event alike. */
function recordViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

test("every response carries the security headers; HSTS only behind HTTPS", async ({ page, request }) => {
  const pageResponse = await page.goto("/");
  expectSecurityHeaders(pageResponse!.headers());
  const api = await request.get("/api/stale/policy");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api.headers());
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expectSecurityHeaders((await request.get(script!)).headers());

  expect(api.headers()["strict-transport-security"]).toBeUndefined();
  const overHttps = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toBe(HSTS);
  const pageOverHttps = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(pageOverHttps.headers()["strict-transport-security"]).toBe(HSTS);
});

test("the overview, chargeback and stale pages run under the CSP without a violation", async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  const violations = recordViolations(page);
  await page.goto("/");
  // Recharts draws only in the browser: a chart means the page's scripts ran and hydrated.
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.goto("/chargeback");
  await expect(page.getByTestId("chargeback-team").first()).toBeVisible();
  await page.goto("/stale");
  await expect(page.getByTestId("stale-totals")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("a write from another origin is refused and changes nothing; ours and a script's go through", async ({
  request,
  baseURL,
}) => {
  const json = { "Content-Type": "application/json" };
  const before = await (await request.get("/api/stale/policy")).text();
  const document = JSON.stringify({ ...JSON.parse(before), olderThanDays: 41 });

  const foreign = await request.put("/api/stale/policy", { data: document, headers: { ...json, Origin: FOREIGN } });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({ error: "forbidden", message: "cross-origin request refused" });
  const sync = await request.post("/api/sync", { headers: { Origin: FOREIGN } });
  expect(sync.status()).toBe(403);
  const plain = await request.put("/api/stale/policy", { data: document, headers: { "Content-Type": "text/plain" } });
  expect(plain.status()).toBe(415);
  const alias = await request.post("/api/stale/policy", { data: document, headers: json });
  expect(alias.status()).toBe(405);
  expect(alias.headers()["allow"]).toBe("GET, PUT");
  expect(await (await request.get("/api/stale/policy")).text()).toBe(before);

  const ours = await request.put("/api/stale/policy", { data: document, headers: { ...json, Origin: baseURL! } });
  expect(ours.status()).toBe(200);
  expect(JSON.parse(await ours.text())).toMatchObject({ olderThanDays: 41 });
  expect((await request.put("/api/stale/policy", { data: before, headers: json })).status()).toBe(200);
});

async function replay(request: Page["request"], action: Request, origin: string): Promise<APIResponse> {
  const headers: Record<string, string> = { ...(await action.allHeaders()), origin };
  delete headers["content-length"];
  return request.fetch(action.url(), { method: "POST", headers, data: action.postDataBuffer() ?? undefined });
}

test("the policy form's server action is refused from another origin (Next's own Origin check)", async ({
  page,
  baseURL,
}) => {
  const policyOf = async () => JSON.parse(await (await page.request.get("/api/stale/policy")).text());
  await page.goto("/stale/policy");
  await page.getByTestId("policy-text").fill('{"olderThanDays": 77, "keepLatest": 4}');
  const submitted = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByTestId("policy-save").click();
  const action = await submitted;
  await expect(page.getByTestId("policy-saved")).toContainText("Saved");
  await page.getByTestId("policy-reset").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Reset");
  expect((await policyOf()).olderThanDays).not.toBe(77);

  // The very request the form sent, from another origin: refused, nothing saved.
  const foreign = await replay(page.request, action, FOREIGN);
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect((await policyOf()).olderThanDays).not.toBe(77);

  // The same request from our origin saves: the replay itself was a good one.
  const ours = await replay(page.request, action, new URL(baseURL!).origin);
  expect(ours.status()).toBe(200);
  expect((await policyOf()).olderThanDays).toBe(77);
  await page.goto("/stale/policy");
  await page.getByTestId("policy-reset").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Reset");
});
