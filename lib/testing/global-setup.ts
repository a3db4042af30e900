/**
 * vitest globalSetup of the integration project: one embedded PostgreSQL for the whole run, in a
 * temporary directory (never the user's .data), with a migrated template database from which
 * createTestDatabase() clones one database per test file. Stopped and deleted at the end.
 * PgBouncer (./pgbouncer.ts) runs in transaction mode in front of it: the project named
 * "integration-pgbouncer" sends every test database's app connections through it, and any test
 * can ask for one that does (createTestDatabase({ throughPgbouncer: true })). Migrations and
 * cloning always go to the server itself.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "../database/embedded";
import { applyMigrations } from "../database/migrate";
import { startPgbouncer, type Pgbouncer } from "./pgbouncer";

const TEMPLATE_DATABASE = "registry_ledger_template";
const MAX_CONNECTIONS = 400;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "registry-ledger-test-"));
  await fs.chmod(dataDir, 0o755); // the server runs as user "postgres" when we are root
  const server = await startWithRoomForTwoFiles(dataDir);
  let pgbouncer: Pgbouncer | undefined;
  try {
    await applyMigrations(server.url);
    await markAsTemplate(server.urlFor("postgres"));
    pgbouncer = await startPgbouncer(server.urlFor("postgres"));
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("testDatabaseServerUrl", server.urlFor("postgres"));
  project.provide("testDatabaseTemplate", TEMPLATE_DATABASE);
  project.provide("testPgbouncerServerUrl", pgbouncer.urlFor(server.urlFor("postgres")));
  project.provide("testThroughPgbouncer", project.name === "integration-pgbouncer");
  return async () => {
    await pgbouncer.stop();
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}

/**
 * Two test files run at once, each with its pools, PgBouncer's server connections (up to 20 per
 * database) and its child processes' pools: PostgreSQL's default of 100 connections is too few
 * for both at their peaks. The setting takes effect at a start, so the new server starts twice.
 */
async function startWithRoomForTwoFiles(dataDir: string): Promise<EmbeddedServer> {
  const first = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE });
  const client = new pg.Client({ connectionString: first.urlFor("postgres") });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET max_connections = ${MAX_CONNECTIONS}`);
  } finally {
    await client.end();
  }
  await first.stop();
  return startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE });
}

/** A template must have no open connections while it is cloned; nothing but clones use it. */
async function markAsTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `ALTER DATABASE ${client.escapeIdentifier(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
    );
  } finally {
    await client.end();
  }
}
