/**
 * npm run verify [-- --repair] [--json]
 * Checks the stored inventory's invariants and lists each violation with what it affects; with
 * --repair, fetches what the violations touch again through the sync (the configured source:
 * Azure, or the simulator) and checks again. Exit 0 when clean (or repaired), 1 when violations
 * remain, 2 on error (a bad flag, the database or, during a repair, Azure unreachable).
 * The logic lives in lib/verify; the hook must be registered before the server reads load, hence the
 * dynamic imports.
 */
import "./server-only-hook";
import { Command } from "commander";
import { isoDay } from "../lib/calendar";
import { parseArgs, runCli } from "./cli";

const { closeDb, getPool } = await import("../lib/db");
const { getEnv } = await import("../lib/env");
const { openSourceSync } = await import("../lib/sync/source-sync");
const { refuseWhileSyncRuns } = await import("../lib/sync/lock");
const { verifyInventory } = await import("../lib/verify/server/verify-inventory");
const { formatVerificationJson, formatVerificationText } = await import("../lib/verify/format-verification");

const program = new Command("verify")
  .description("Check the stored inventory's invariants; with --repair, fetch what is wrong again")
  .option("--repair", "fetch what the violations touch again through the sync, then check again")
  .option("--json", "print the outcome as one JSON object on the last line")
  .exitOverride();

type SourceSync = Awaited<ReturnType<typeof openSourceSync>>;

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const opts = program.opts<{ repair?: boolean; json?: boolean }>();
  let source: SourceSync | undefined;
  try {
    const pool = await getPool();
    // A repair marks registries for a full relisting and syncs: never beside a running sync's writes.
    if (opts.repair) await refuseWhileSyncRuns(pool, "npm run verify -- --repair");
    const verification = await verifyInventory(pool, {
      repair: opts.repair
        ? async () => {
            source = await openSourceSync(getEnv(), pool);
            const opened = source;
            return { day: isoDay(opened.asOf), sync: () => opened.run({ trigger: "verify" }) };
          }
        : undefined,
    });
    if (opts.json) process.stdout.write(formatVerificationJson(verification));
    else process.stdout.write(formatVerificationText(verification, Boolean(opts.repair)));
    return verification.status === "violations" ? 1 : 0;
  } finally {
    await source?.close();
    await closeDb();
  }
}

await runCli(main);
