/**
 * Integration-test databases. The integration project's globalSetup (./global-setup.ts) runs one
 * embedded PostgreSQL per test run with a migrated template; createTestDatabase() clones it
 * (CREATE DATABASE ... TEMPLATE, a file copy: milliseconds) so every test file starts from an
 * empty, fully migrated schema and never sees another file's rows.
 *
 *   const testDb = await createTestDatabase();
 *   afterEach(() => testDb.truncate());
 *   afterAll(() => testDb.drop());
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { closeDb } from "../db";
import { setEnvVar } from "../env";
import { PrismaClient } from "../generated/prisma/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string of the test server's maintenance database ("postgres"). */
    testDatabaseServerUrl: string;
    /** The migrated database every test database is cloned from. */
    testDatabaseTemplate: string;
    /** testDatabaseServerUrl through PgBouncer in transaction mode. */
    testPgbouncerServerUrl: string;
    /** Whether test databases go through PgBouncer unless a test says otherwise. */
    testThroughPgbouncer: boolean;
  }
}

export type TestDatabase = {
  /** Connection string of this file's database; also set as DATABASE_URL, so getDb() uses it. */
  url: string;
  /** The same database on the server itself (DATABASE_DIRECT_URL); `url` when not through PgBouncer. */
  directUrl: string;
  /** The variables a child process (a CLI under test) needs to reach this database the same way. */
  env: { DATABASE_URL: string; DATABASE_DIRECT_URL: string; DATABASE_POOLER: "transaction" | "none" };
  db: PrismaClient;
  pool: pg.Pool;
  /** Empties every table (and restarts identities); the migration history stays. */
  truncate(): Promise<void>;
  /** Disconnects everything, including getDb()'s client, and drops the database. */
  drop(): Promise<void>;
};

/**
 * `migrated: false` gives an empty database (cloned from template0) for migration tests.
 * `throughPgbouncer` (default: the project's choice) puts `url`, `pool`, `db` and DATABASE_URL
 * behind PgBouncer in transaction mode, with DATABASE_POOLER=transaction and DATABASE_DIRECT_URL set.
 */
export async function createTestDatabase({
  migrated = true,
  throughPgbouncer = inject("testThroughPgbouncer"),
}: { migrated?: boolean; throughPgbouncer?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("testDatabaseServerUrl");
  if (!adminUrl)
    throw new Error("createTestDatabase() needs the integration project's globalSetup (lib/testing/global-setup.ts)");
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  await adminQuery(
    adminUrl,
    `CREATE DATABASE "${name}" TEMPLATE "${migrated ? inject("testDatabaseTemplate") : "template0"}"`,
  );
  const directUrl = withDatabase(adminUrl, name);
  const url = throughPgbouncer ? withDatabase(inject("testPgbouncerServerUrl"), name) : directUrl;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  const env = {
    DATABASE_URL: url,
    DATABASE_DIRECT_URL: throughPgbouncer ? directUrl : "",
    DATABASE_POOLER: throughPgbouncer ? ("transaction" as const) : ("none" as const),
  };
  for (const [name, value] of Object.entries(env)) setEnvVar(name as keyof typeof env, value);
  return {
    url,
    directUrl,
    env,
    db,
    pool,
    truncate: () => truncateAll(pool),
    async drop() {
      await closeDb();
      await db.$disconnect();
      await pool.end();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function truncateAll(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await pool.query(`TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY CASCADE`);
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The usual lifecycle in one line: this file's database is created before its tests, emptied
 * after each one and dropped at the end. The returned object reads the live database lazily.
 */
export function useTestDatabase(): TestDatabase {
  let instance: TestDatabase | undefined;
  beforeAll(async () => {
    instance = await createTestDatabase();
  });
  afterEach(() => instance?.truncate());
  afterAll(() => instance?.drop());
  const current = () => {
    if (!instance) throw new Error("useTestDatabase(): the database exists only inside tests and hooks");
    return instance;
  };
  return {
    get url() {
      return current().url;
    },
    get directUrl() {
      return current().directUrl;
    },
    get env() {
      return current().env;
    },
    get db() {
      return current().db;
    },
    get pool() {
      return current().pool;
    },
    truncate: () => current().truncate(),
    drop: () => current().drop(),
  };
}
