/**
 * The one database client of the process: one pg.Pool, one PrismaClient over it (PrismaPg), both
 * cached on globalThis so Next dev reloads reuse them. The first call resolves the server
 * (DATABASE_URL, or the embedded PostgreSQL under the data dir) and applies the committed
 * migrations once. No "server-only" import: CLIs, workers and tests use this module too.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "./database/embedded";
import { applyMigrations, assertMigrated } from "./database/migrate";
import { getEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient };

type Connection = { pool: pg.Pool; db: PrismaClient };

type DbState = {
  url?: Promise<string>;
  embedded?: EmbeddedServer;
  connection?: Promise<Connection>;
};

const holder = globalThis as typeof globalThis & { __registryLedgerDb?: DbState };
const state: DbState = (holder.__registryLedgerDb ??= {});

/**
 * The connection string of the application database: DATABASE_URL when set, otherwise the
 * embedded server (started, or reused when another process already runs it). No migrations.
 */
export function getDatabaseUrl(): Promise<string> {
  state.url ??= (async () => {
    const env = getEnv();
    if (env.databaseUrl) return env.databaseUrl;
    state.embedded = await startEmbeddedPostgres({ dataDir: env.dataDir });
    return state.embedded.url;
  })().catch((error: unknown) => {
    state.url = undefined;
    throw error;
  });
  return state.url;
}

/**
 * Where migrations run: DATABASE_DIRECT_URL when set (the schema engine and the migration lock
 * hold session advisory locks, which a transaction-mode pooler cannot keep), else the app's URL.
 */
export async function getMigrationUrl(): Promise<string> {
  const env = getEnv();
  // The direct URL stands beside DATABASE_URL; without it the embedded server is both.
  return (env.databaseUrl && env.databaseDirectUrl) || (await getDatabaseUrl());
}

function connect(): Promise<Connection> {
  state.connection ??= (async () => {
    const url = await getDatabaseUrl();
    // The launcher (npm start) and CLIs migrate; the web server only checks, since Prisma's WASM
    // schema engine cannot be loaded from inside the Next bundle.
    if (getEnv().runtime === "next") await assertMigrated(url);
    else await applyMigrations(await getMigrationUrl());
    const pool = new pg.Pool({ connectionString: url });
    // An idle client whose server connection dropped is discarded by the pool; without a
    // listener the 'error' event would crash the process.
    pool.on("error", () => undefined);
    const db = new PrismaClient({ adapter: new PrismaPg(pool) });
    return { pool, db };
  })().catch((error: unknown) => {
    state.connection = undefined;
    throw error;
  });
  return state.connection;
}

/** The Prisma client, ready on a migrated database. */
export async function getDb(): Promise<PrismaClient> {
  return (await connect()).db;
}

/** The pool under the Prisma client, for bulk writes (COPY, unnest) that Prisma cannot express. */
export async function getPool(): Promise<pg.Pool> {
  return (await connect()).pool;
}

/** Disconnects, ends the pool and stops the embedded server if this process started it. */
export async function closeDb(): Promise<void> {
  const connection = state.connection;
  const embedded = state.embedded;
  state.connection = undefined;
  state.url = undefined;
  state.embedded = undefined;
  if (connection) {
    const { db, pool } = await connection.catch(() => ({ db: undefined, pool: undefined }));
    await db?.$disconnect();
    await pool?.end();
  }
  await embedded?.stop();
}
