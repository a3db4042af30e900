/**
 * Prisma 7 CLI configuration. The datasource URL lives here, not in schema.prisma; it is only read
 * by the migrate/db commands (on a machine that can download Prisma's native engine, e.g.
 * `prisma migrate deploy` or `prisma migrate status` against DATABASE_URL). `prisma generate`
 * needs no URL. The app itself applies migrations through lib/database/migrate.ts.
 */
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Read directly: the CLI loads this file outside the app, where lib/env.ts is not in play.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
