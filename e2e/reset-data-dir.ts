/** Deletes the e2e data dir (embedded PostgreSQL and all) so every run starts from an empty estate. */
import fs from "node:fs/promises";
import path from "node:path";

const target = process.argv[2];
const root = path.resolve(".data");
const resolved = path.resolve(target ?? "");
// Only ever a folder under .data/: a typo must not delete anything else.
if (!target || !resolved.startsWith(`${root}${path.sep}`)) {
  process.stderr.write(`reset-data-dir: refusing to delete ${JSON.stringify(target)} (must be under .data/)\n`);
  process.exit(2);
}
await fs.rm(resolved, { recursive: true, force: true });
