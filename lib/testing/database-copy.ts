/**
 * Test support: databases copied from another test database (CREATE DATABASE ... TEMPLATE, a file
 * copy), so many tests can start from one synced inventory without syncing it again each time.
 * A database is a template only while nothing is connected to it: `close()` it first.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export type DatabaseCopy = {
  name: string;
  url: string;
  pool: pg.Pool;
  /** Ends the pool (the database can then be copied). */
  close(): Promise<void>;
  drop(): Promise<void>;
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("testDatabaseServerUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database copied from `template` (default: the migrated empty template). */
export async function copyDatabase(template: string = inject("testDatabaseTemplate")): Promise<DatabaseCopy> {
  const name = `copy_${randomUUID().replaceAll("-", "")}`;
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(inject("testDatabaseServerUrl"));
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on("error", () => undefined);
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await pool.end();
  };
  return {
    name,
    url: url.toString(),
    pool,
    close,
    async drop() {
      await close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
