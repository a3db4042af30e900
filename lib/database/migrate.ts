/**
 * Schema migrations: committed SQL in Prisma's layout (prisma/migrations/<timestamp>_<name>/
 * migration.sql + migration_lock.toml), applied with Prisma's own engine (the WASM build of the
 * schema engine, see ./schema-engine.ts) through `applyMigrations`, the command behind
 * `prisma migrate deploy`. So `_prisma_migrations` (checksums, timestamps, applied step count) is
 * written by the same code as the CLI's, and `prisma migrate deploy` on a connected machine
 * agrees with what the app did.
 *
 * The migration folder is read exactly as the Prisma 7 CLI reads it (sorted by folder name).
 * Paths are relative to the working directory, the repo root for every npm script, test and
 * `next start` (import.meta.dirname does not survive bundling).
 */
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { LedgerError } from "../errors";
import { NO_FILTER, withSchemaEngine, type MigrationList } from "./schema-engine";
import { compareCodePoints } from "@/lib/compare";

export const DEFAULT_SCHEMA_PATH = path.resolve("prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.resolve("prisma", "migrations");

/**
 * Serialises whole migration runs across processes. The engine takes its own advisory lock
 * (72707369) but gives up after 10 s; this one waits, so a second process starting during a long
 * migration simply finds nothing left to do.
 */
const MIGRATE_LOCK_KEY = 4_207_270_736;

export type MigrationPaths = { migrationsDir?: string; schemaPath?: string };

/** Reads the migrations folder the way `prisma migrate` does. */
export async function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationList> {
  const lockfile = {
    path: "migration_lock.toml",
    content: await fs.readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null),
  };
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => ({
        path: entry.name,
        migrationFile: {
          path: "migration.sql",
          content: await fs
            .readFile(path.join(migrationsDir, entry.name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: Error) => ({ tag: "error" as const, value: error.message })),
        },
      })),
  );
  migrationDirectories.sort((a, b) => compareCodePoints(a.path, b.path));
  return { baseDir: migrationsDir, lockfile, migrationDirectories, shadowDbInitScript: "" };
}

async function readSchema(schemaPath = DEFAULT_SCHEMA_PATH) {
  return { path: schemaPath, content: await fs.readFile(schemaPath, "utf8") };
}

/** Applies every committed migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(url: string, { migrationsDir }: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new LedgerError("internal", `No migrations found in ${migrationsList.baseDir}`);
  }
  return withMigrateLock(url, async () => {
    const { appliedMigrationNames } = await withSchemaEngine({ url }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    return appliedMigrationNames;
  });
}

/**
 * For processes that must not migrate (the Next server: Prisma's WASM engine cannot be loaded
 * from its bundle): checks that every committed migration is recorded as applied.
 */
export async function assertMigrated(url: string, migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<void> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const committed = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await client
      .query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      )
      .then((r) => new Set(r.rows.map((row) => row.migration_name)))
      .catch(() => new Set<string>());
    const missing = committed.filter((name) => !applied.has(name));
    if (missing.length > 0) {
      throw new LedgerError(
        "config",
        `The database lacks migrations ${missing.join(", ")}: start the app with "npm start" or run "npm run db:migrate" first.`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * The SQL that takes the committed migrations to schema.prisma ("" when they agree). The engine
 * replays the migrations in a temporary shadow database on the server behind `url`.
 */
export async function diffMigrationsToSchema(
  url: string,
  { migrationsDir, schemaPath }: MigrationPaths = {},
): Promise<string> {
  const migrationsList = await readMigrations(migrationsDir);
  const schema = await readSchema(schemaPath);
  const result = await withSchemaEngine({ url }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  return result.exitCode === 0 ? "" : (result.stdout ?? "").trim();
}

export type CreatedMigration = { name: string; directory: string; sql: string } | undefined;

/**
 * What `prisma migrate dev --create-only` does: writes `<timestamp>_<name>/migration.sql` with the
 * SQL from the migrations to schema.prisma, plus migration_lock.toml; undefined when they agree.
 * The WASM engine's own createMigration refuses PostgreSQL shadow databases ("must be provided
 * through an external factory"), so the script comes from `diff` (migrations -> schema), which
 * replays the migrations in a shadow database just as createMigration would; folder name and
 * lock file follow the Prisma CLI.
 */
export async function createMigration(
  url: string,
  name: string,
  paths: MigrationPaths = {},
): Promise<CreatedMigration> {
  const migrationsDir = paths.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  await fs.mkdir(migrationsDir, { recursive: true });
  await fs.writeFile(path.join(migrationsDir, "migration_lock.toml"), MIGRATION_LOCK);
  const sql = await diffMigrationsToSchema(url, paths);
  if (sql === "") return undefined;
  const folder = `${migrationTimestamp(new Date())}_${name}`;
  const directory = path.join(migrationsDir, folder);
  await fs.mkdir(directory);
  await fs.writeFile(path.join(directory, "migration.sql"), `${sql}\n`, { encoding: "utf8", flag: "wx" });
  return { name: folder, directory, sql };
}

const MIGRATION_LOCK = `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n`;

/** Prisma's folder prefix: UTC YYYYMMDDHHMMSS. */
function migrationTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function withMigrateLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}
