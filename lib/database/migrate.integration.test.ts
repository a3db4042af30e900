import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import {
  applyMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  diffMigrationsToSchema,
  readMigrations,
} from "./migrate";

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

describe("applyMigrations", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase({ migrated: false });
  });
  afterAll(() => empty.drop());

  it("applies every committed migration to an empty database and records it like prisma migrate deploy", async () => {
    const committed = (await readMigrations()).migrationDirectories.map((d) => d.path);
    expect(committed.length).toBeGreaterThan(0);

    // Two processes starting at once: the advisory lock lets one apply, the other finds nothing to do.
    // Migrations hold session advisory locks: on the server itself, never through a pooler.
    const [first, second] = await Promise.all([applyMigrations(empty.directUrl), applyMigrations(empty.directUrl)]);
    expect([...first, ...second].sort()).toEqual(committed);

    const { rows } = await empty.pool.query<MigrationRow>("SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = await fs.readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await empty.db.registry.count()).toBe(0);
  });

  it("is a no-op when everything is applied", async () => {
    const migrated = await createTestDatabase();
    try {
      expect(await applyMigrations(migrated.directUrl)).toEqual([]);
      const { rows } = await migrated.pool.query("SELECT count(*)::int AS n FROM _prisma_migrations");
      expect(rows[0].n).toBe((await readMigrations()).migrationDirectories.length);
    } finally {
      await migrated.drop();
    }
  });
});

describe("schema drift", () => {
  let scratch: TestDatabase;
  let tmp: string;
  beforeAll(async () => {
    scratch = await createTestDatabase();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "ledger-migrations-"));
  });
  afterAll(async () => {
    await scratch.drop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("prisma/migrations produce exactly prisma/schema.prisma (run `npm run db:migration -- <name>` if this fails)", async () => {
    const drift = await diffMigrationsToSchema(scratch.directUrl);
    expect(drift, "schema.prisma changed without a migration").toBe("");
  });

  it("detects a schema change that has no migration, and db:migration writes it once", async () => {
    const schemaPath = path.join(tmp, "schema.prisma");
    const schema = await fs.readFile(DEFAULT_SCHEMA_PATH, "utf8");
    await fs.writeFile(schemaPath, `${schema}\nmodel DriftProbe {\n  id Int @id\n  @@map("drift_probe")\n}\n`);
    const migrationsDir = path.join(tmp, "migrations");
    await fs.cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });

    const drift = await diffMigrationsToSchema(scratch.directUrl, { migrationsDir, schemaPath });
    expect(drift).toContain('CREATE TABLE "drift_probe"');

    const created = await createMigration(scratch.directUrl, "add_drift_probe", { migrationsDir, schemaPath });
    expect(created?.name).toMatch(/^\d{14}_add_drift_probe$/);
    expect(await fs.readFile(path.join(created!.directory, "migration.sql"), "utf8")).toContain(
      'CREATE TABLE "drift_probe"',
    );
    expect(await diffMigrationsToSchema(scratch.directUrl, { migrationsDir, schemaPath })).toBe("");
    expect(await createMigration(scratch.directUrl, "nothing", { migrationsDir, schemaPath })).toBeUndefined();
  });
});
