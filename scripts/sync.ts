/**
 * npm run sync [-- --json] [--date YYYY-MM-DD] [--concurrency N] [--no-wait]
 * Syncs the configured source (Azure, or the built-in simulator) into the database through the job
 * queue: starts a run (one job per registry), works its jobs in this process beside any other
 * worker sharing the database, and waits for it to finish. Progress goes to stderr (a bar on a
 * terminal); the summary to stdout, with --json as one JSON object on the last line
 * ({"status":"succeeded"|"partial"|"failed","timedOut":boolean,...}). Exit 0 only when every
 * registry succeeded. --no-wait queues the run and exits 0, leaving its jobs to the workers.
 * A run still live that no live process attends (its sync killed, no worker running) is finished
 * first; one that is attended refuses this sync (exit 2), as any running sync does.
 */
import { SingleBar, Presets } from "cli-progress";
import { Command } from "commander";
import { closeDb, getDatabaseUrl, getPool } from "../lib/db";
import { getEnv } from "../lib/env";
import { getBoss, stopBosses } from "../lib/jobs/boss";
import { takeOverLeftRun } from "../lib/jobs/run-attendance";
import { startSyncRun } from "../lib/jobs/start-sync-run";
import { workSyncJobs } from "../lib/jobs/sync-worker";
import { waitForRun } from "../lib/jobs/wait-for-run";
import { openSource } from "../lib/sync/source";
import type { SyncProgress } from "../lib/sync/types";
import { dayArgument, parseArgs, runCli, wholeNumberArgument } from "./cli";
import { setNodeFlags, SYNC_NODE_FLAGS } from "./node-flags";

setNodeFlags(SYNC_NODE_FLAGS);

function parseDay(value: string): Date {
  return new Date(`${dayArgument(value)}T12:00:00Z`);
}

const program = new Command("sync")
  .description("Sync registries, repositories, manifests and tags into the database")
  .option("--json", "print the summary as one JSON object on the last line")
  .option("--date <YYYY-MM-DD>", "simulator only: the simulated day to sync at", parseDay)
  .option("--concurrency <n>", "parallel data-plane requests per registry (1-64)", wholeNumberArgument(1, 64))
  .option("--no-wait", "queue the run and exit, leaving its jobs to npm run worker or npm start")
  .exitOverride();

function progressReporter(json: boolean) {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: "{phase} |{bar}| {value}/{total} repositories · {registries} registries · {bodies} manifests fetched",
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: SyncProgress) {
        const payload = {
          phase: p.phase,
          registries: `${p.registriesDone}/${p.registriesTotal}`,
          bodies: p.manifestBodiesFetched,
        };
        if (!started && p.repositoriesTotal > 0) {
          bar.start(p.repositoriesTotal, p.repositoriesDone, payload);
          started = true;
        } else if (started) {
          bar.setTotal(p.repositoriesTotal);
          bar.update(p.repositoriesDone, payload);
        }
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastDone = -1;
  return {
    update(p: SyncProgress) {
      if (json || p.registriesDone === lastDone) return;
      lastDone = p.registriesDone;
      process.stderr.write(
        `sync: ${p.registriesDone}/${p.registriesTotal} registries, ${p.repositoriesDone} repositories\n`,
      );
    },
    stop: () => undefined,
  };
}

async function main(): Promise<number> {
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const opts = program.opts<{ json?: boolean; date?: Date; concurrency?: number; wait: boolean }>();
  const env = getEnv();
  const pool = await getPool();
  const source = await openSource(env, { simulatorDate: opts.date });
  const progress = progressReporter(Boolean(opts.json));
  try {
    // A waiting sync's boss supervises too: a job whose worker died is handed on even with no other worker.
    const boss = await getBoss(await getDatabaseUrl(), opts.wait ? "worker" : "producer");
    // Before this process works the queues itself (then it attends every run), a live run that no
    // live process attends is taken over and finished first; one that is attended refuses this sync.
    const left = opts.wait ? await takeOverLeftRun(pool, boss) : undefined;
    if (opts.wait) await workSyncJobs(boss, { pool, source, registriesAtOnce: 2, log: () => undefined });
    if (left) {
      process.stderr.write(`sync: finishing run #${left.runId}, left by a sync that stopped\n`);
      try {
        const finished = await waitForRun(pool, left.runId);
        process.stderr.write(`sync: run #${left.runId} ${finished.status}\n`);
      } finally {
        await left.attendance.release();
      }
    }
    const { runId, registries, attendance } = await startSyncRun({
      pool,
      boss,
      connection: source.connection,
      asOf: await source.now(),
      trigger: "cli",
      concurrency: opts.concurrency ?? env.sync.concurrency,
      attend: opts.wait,
    });
    if (!opts.wait) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ runId, status: "queued", registries })}\n`);
      else process.stdout.write(`Sync #${runId} queued: ${registries} registry job(s) for the workers.\n`);
      return 0;
    }
    const summary = await waitForRun(pool, runId, { onProgress: (p) => progress.update(p) }).finally(() =>
      attendance?.release(),
    );
    progress.stop();
    for (const e of summary.errors) process.stderr.write(`failed: ${e.registry}: ${e.message}\n`);
    // Scripts match on the three statuses they always had: a sync stopped at its deadline is a
    // failure to them, told apart by timedOut (the database and the Sync page say "timed out").
    const timedOut = summary.status === "timed out";
    const line = {
      status: timedOut ? "failed" : summary.status,
      timedOut,
      registries: summary.registries,
      repositories: summary.repositories,
      manifests: summary.manifests,
      tags: summary.tags,
      durationMs: summary.durationMs,
      requests: summary.requests,
      throttled: summary.throttled,
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(line)}\n`);
    else {
      process.stdout.write(
        `Sync #${summary.runId} ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.registries} registries, ` +
          `${summary.repositories} repositories (${summary.repositoriesListed} changed), ${summary.manifests} manifests, ` +
          `${summary.tags} tags; ${summary.manifestBodiesFetched} manifest bodies fetched; ` +
          `${summary.requests} data-plane requests (${summary.throttled} throttled).\n`,
      );
    }
    return summary.status === "succeeded" ? 0 : 1;
  } finally {
    progress.stop();
    await stopBosses();
    await source.close();
    await closeDb();
  }
}

await runCli(main);
