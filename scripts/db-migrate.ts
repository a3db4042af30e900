/** npm run db:migrate: applies the committed migrations to the configured database (for deployments). */
import { closeDb, getMigrationUrl } from "../lib/db";
import { applyMigrations } from "../lib/database/migrate";
import { runCli } from "./cli";

await runCli(async () => {
  try {
    const applied = await applyMigrations(await getMigrationUrl());
    process.stdout.write(applied.length > 0 ? `Applied ${applied.join(", ")}\n` : "The database is up to date.\n");
    return 0;
  } finally {
    await closeDb();
  }
});
