/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL that takes the committed migrations to prisma/schema.prisma (what
 * `prisma migrate dev --create-only` does, which cannot run offline). Writes nothing when they
 * already agree. Needs a PostgreSQL server for a throwaway shadow database: DATABASE_URL, or the
 * embedded server under the data dir. The application database itself is not changed.
 */
import path from "node:path";
import { Command } from "commander";
import { closeDb, getDatabaseUrl } from "../lib/db";
import { createMigration } from "../lib/database/migrate";
import { describeError } from "../lib/errors";

const program = new Command()
  .name("db:migration")
  .description("Create a migration from the difference between prisma/migrations and prisma/schema.prisma")
  .argument("<name>", "short snake_case description, e.g. add_registry_notes")
  .action(async (name: string) => {
    if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`migration name "${name}" must use letters, digits and underscores only`);
    const created = await createMigration(await getDatabaseUrl(), name);
    if (!created) {
      console.log("prisma/schema.prisma and prisma/migrations already agree: no migration written.");
      return;
    }
    console.log(`Wrote ${path.relative(process.cwd(), path.join(created.directory, "migration.sql"))}`);
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`db:migration failed: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
