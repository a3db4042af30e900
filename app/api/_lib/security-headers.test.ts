/**
 * The security headers next.config.js gives every response, matched as `next start` matches them
 * (Next's own loader and matchers): the CSP and its companions on pages, API routes and static
 * files; HSTS only when the proxy in front says the browser spoke HTTPS.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants.js";
import loadCustomRoutes from "next/dist/lib/load-custom-routes.js";
import { buildCustomRoute } from "next/dist/server/lib/router-utils/filesystem.js";
import { matchHas } from "next/dist/shared/lib/router/utils/prepare-destination.js";
import { describe, expect, it } from "vitest";

const CONFIG_FILE = pathToFileURL(path.resolve(import.meta.dirname, "../../../next.config.js")).href;

async function headersFor(
  pathname: string,
  requestHeaders: Record<string, string> = {},
  phase = PHASE_PRODUCTION_SERVER,
): Promise<Record<string, string>> {
  const { default: config } = (await import(CONFIG_FILE)) as { default: (phase: string) => NextConfig };
  const routes = await loadCustomRoutes(config(phase));
  const answered: Record<string, string> = {};
  for (const item of routes.headers) {
    const route = buildCustomRoute("header", item);
    if (route.match(pathname) === false) continue;
    const request = { headers: requestHeaders } as unknown as Parameters<typeof matchHas>[0];
    if (matchHas(request, {}, route.has, route.missing) === false) continue;
    for (const header of route.headers) answered[header.key] = header.value;
  }
  return answered;
}

const PATHS = ["/", "/stale/policy", "/api/stale/policy", "/api/reports/registries.csv", "/_next/static/chunks/x.js"];

describe("security headers", () => {
  it.each(PATHS)("%s carries the CSP, X-Frame-Options, nosniff and the referrer policy", async (pathname) => {
    const headers = await headersFor(pathname);
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
    });
    const csp = headers["Content-Security-Policy"].split("; ");
    expect(csp).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ]),
    );
  });

  it.each(PATHS)("%s carries HSTS only when X-Forwarded-Proto says https", async (pathname) => {
    const hsts = "max-age=31536000; includeSubDomains";
    expect((await headersFor(pathname))["Strict-Transport-Security"]).toBeUndefined();
    expect((await headersFor(pathname, { "x-forwarded-proto": "http" }))["Strict-Transport-Security"]).toBeUndefined();
    expect((await headersFor(pathname, { "x-forwarded-proto": "https" }))["Strict-Transport-Security"]).toBe(hsts);
    expect((await headersFor(pathname, { "x-forwarded-proto": "https, http" }))["Strict-Transport-Security"]).toBe(
      hsts,
    );
    expect(
      (await headersFor(pathname, { "x-forwarded-proto": "http, https" }))["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(
      (await headersFor(pathname, { "x-forwarded-proto": "httpsx" }))["Strict-Transport-Security"],
    ).toBeUndefined();
  });

  it("allows eval only under next dev, which needs it", async () => {
    expect((await headersFor("/"))["Content-Security-Policy"]).not.toContain("unsafe-eval");
    const dev = await headersFor("/", {}, PHASE_DEVELOPMENT_SERVER);
    expect(dev["Content-Security-Policy"]).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
  });
});
