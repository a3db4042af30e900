import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres } from "@/lib/database/embedded";
import { createTestDatabase } from "@/lib/testing/database";
import { closeDb, getDb, getPool } from "./db";

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tempDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ledger-embedded-"));
  await fs.chmod(dir, 0o755); // the server runs as user "postgres" when tests run as root
  return dir;
}

describe("getDb with DATABASE_URL", () => {
  it("returns one working client and pool per process", async () => {
    const testDb = await createTestDatabase(); // sets DATABASE_URL for this file
    try {
      const db = await getDb();
      expect(await db.registry.findMany()).toEqual([]);
      await db.subscription.create({ data: { id: "00000000-0000-0000-0000-000000000001", displayName: "one" } });
      const pool = await getPool();
      const { rows } = await pool.query("SELECT display_name FROM subscriptions");
      expect(rows).toEqual([{ display_name: "one" }]);
      expect(await getDb()).toBe(db);
      expect(await getPool()).toBe(pool);
    } finally {
      await testDb.drop();
    }
  });
});

describe("embedded PostgreSQL", () => {
  const dirs: string[] = [];
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it("starts once per data dir and is reused by a second caller", async () => {
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const first = await startEmbeddedPostgres({ dataDir });
    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(first.startedHere).toBe(true);
      expect(second.startedHere).toBe(false);
      expect(second.url).toBe(first.url);
      await second.stop(); // not ours: must leave the server running
      expect(await canConnect(first.url)).toBe(true);
    } finally {
      await first.stop();
    }
    expect(await canConnect(first.url)).toBe(false);

    const again = await startEmbeddedPostgres({ dataDir }); // same port, existing cluster
    try {
      expect(again.startedHere).toBe(true);
      expect(again.url).toBe(first.url);
    } finally {
      await again.stop();
    }
  });

  it("is what getDb uses without DATABASE_URL, migrated, and closeDb stops it", async () => {
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("REGISTRY_LEDGER_DATA_DIR", dataDir);
    const db = await getDb();
    expect(await db.manifest.findMany({ take: 1 })).toEqual([]);
    const { port } = JSON.parse(await fs.readFile(path.join(dataDir, "postgres.json"), "utf8")) as { port: number };
    await closeDb();
    expect(await canConnect(`postgresql://postgres@127.0.0.1:${port}/postgres`)).toBe(false);
  });
});
