/**
 * A bench's own database: a fresh embedded PostgreSQL in a temporary folder, migrated, the app's
 * client (lib/db, which the sync's kept figures and the pages read through) pointed at it. `stop`
 * closes that client, stops the server and removes the folder.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import { applyMigrations } from "../../lib/database/migrate";
import { closeDb } from "../../lib/db";
import { setEnvVar } from "../../lib/env";

export type BenchDatabase = { url: string; stop(): Promise<void> };

/** `name` names the temporary folder (ledger-<name>-XXXXXX). */
export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `ledger-${name}-`));
  await chmod(dataDir, 0o755); // the server runs as user "postgres" when we are root
  const server = await startEmbeddedPostgres({ dataDir });
  const stop = async () => {
    await closeDb();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await applyMigrations(server.url);
  } catch (error) {
    await stop();
    throw error;
  }
  setEnvVar("DATABASE_URL", server.url);
  return { url: server.url, stop };
}
