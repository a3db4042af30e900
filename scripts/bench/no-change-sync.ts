/**
 * npx tsx scripts/bench/no-change-sync.ts [--scale small|medium|large] [--workers N] [--syncs 5] [--json]
 * Where a sync with no change spends its time on the queue: a fresh embedded PostgreSQL, the
 * simulator in its own process, N `npm run worker` processes; one full sync, then `--syncs` runs
 * with nothing changed, each timed from its start until its finishing job has recorded it, and
 * split from the queue's own timestamps: the start (discovery and queueing), the wait until the
 * first registry job was picked up, the registry jobs, the wait for the finishing job and that
 * job. Then the same no-change sync in this one process (lib/sync/run-sync.ts), twice (the first
 * with nothing kept in this process: new clients, and no kept inventory, though the read stored
 * on each registry's row still spares its write; the second with what the first kept), as the
 * in-process reference.
 */
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../../lib/azure/connection";
import { DAY_MS, isoDay } from "../../lib/calendar";
import { getBoss, stopBosses } from "../../lib/jobs/boss";
import { startSyncRun } from "../../lib/jobs/start-sync-run";
import { runSync } from "../../lib/sync/run-sync";
import { parseArgs, wholeNumberArgument } from "../cli";
import { startWorkers } from "./queued-sync";
import { startBenchDatabase } from "./bench-database";
import { startSimulatorChild } from "./simulator-child";

const program = new Command("no-change-sync")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--workers <n>", "sync worker processes (npm run worker)", wholeNumberArgument(1, 16), 1)
  .option("--syncs <n>", "no-change syncs to time", wholeNumberArgument(1, 50), 5)
  .option("--json", "end with every figure as one line of JSON")
  .exitOverride();
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{ scale: string; workers: number; syncs: number; json?: boolean }>();
const day = isoDay(Date.now() - DAY_MS);
const asOf = new Date(`${day}T12:00:00Z`);

/** A run started on the queue and timed until recorded; the run record read every 10 ms, not to add a poll's wait. */
async function timedSync(pool: pg.Pool, connection: ReturnType<typeof simulatorConnection>, databaseUrl: string) {
  const boss = await getBoss(databaseUrl, "producer");
  const tokens = () => pool.query<{ token: string }>("SELECT inventory_token::text AS token FROM registries");
  const before = new Set((await tokens()).rows.map((r) => r.token));
  const startedAt = Date.now();
  const { runId } = await startSyncRun({ pool, boss, connection, asOf, trigger: "cli", concurrency: 16 });
  const queuedAt = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ status: string; requests: number; listed: number }>(
      `SELECT status, requests, (SELECT coalesce(sum(repositories_listed), 0)::int FROM sync_registry_results
         WHERE sync_run_id = $1) AS listed FROM sync_runs WHERE id = $1`,
      [runId],
    );
    if (rows[0].status !== "running") {
      const { requests, listed } = rows[0];
      const ms = Date.now() - startedAt;
      // A registry whose inventory token moved was written again.
      const written = (await tokens()).rows.filter((r) => !before.has(r.token)).length;
      return { runId, ms, startedAt, queuedAt, requests, repositoriesListed: listed, registriesWritten: written };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Phases = {
  startMs: number;
  pickupMs: number;
  registriesMs: number;
  /** Each registry job's own time, started to completed (the rest of registriesMs is waiting for pickup). */
  registryJobMs: number[];
  finishWaitMs: number;
  finishMs: number;
};

/** The run's jobs as the queue timed them (pgboss.job), relative to the run's start. */
async function queuePhases(pool: pg.Pool, runId: number, startedAt: number, queuedAt: number): Promise<Phases> {
  // The finishing job completes after it recorded the run: the run's finish is its end here.
  const { rows } = await pool.query<{ name: string; created: number; started: number; completed: number }>(
    `SELECT name, extract(epoch FROM created_on) * 1000 AS created, extract(epoch FROM started_on) * 1000 AS started,
            extract(epoch FROM CASE WHEN name = 'sync-finish'
              THEN (SELECT finished_at FROM sync_runs WHERE id = $1) ELSE completed_on END) * 1000 AS completed
     FROM pgboss.job WHERE name IN ('sync-registry', 'sync-registry-batch', 'sync-finish') AND (data->>'runId')::int = $1`,
    [runId],
  );
  const registryJobs = rows.filter((r) => r.name !== "sync-finish");
  const finish = rows.find((r) => r.name === "sync-finish")!;
  const firstPickup = Math.min(...registryJobs.map((r) => Number(r.started)));
  const lastDone = Math.max(...registryJobs.map((r) => Number(r.completed)));
  return {
    startMs: Math.round(queuedAt - startedAt),
    pickupMs: Math.round(firstPickup - Number(registryJobs[0].created)),
    registriesMs: Math.round(lastDone - firstPickup),
    registryJobMs: registryJobs.map((r) => Math.round(Number(r.completed) - Number(r.started))),
    finishWaitMs: Math.round(Number(finish.started) - Number(finish.created)),
    finishMs: Math.round(Number(finish.completed) - Number(finish.started)),
  };
}

const database = await startBenchDatabase("bench");
const simulator = await startSimulatorChild({ scale: opts.scale, seed: "42", day, readLimits: false });
const pool = new pg.Pool({ connectionString: database.url, max: 10 });
// An idle connection the server ends as the bench stops it is no failure of what was measured.
pool.on("error", () => undefined);
try {
  const connection = simulatorConnection(simulator.armEndpoint, simulator.caCertPem);
  const workers = await startWorkers({
    count: opts.workers,
    databaseUrl: database.url,
    pool,
    connection,
    simulator,
    concurrency: 16,
    readLimits: false,
  });
  const full = await workers.sync(asOf);
  console.log(`full sync (${opts.scale}): ${full.ms} ms, ${full.repositories} repositories, ${full.requests} requests`);
  const queued = [];
  for (let i = 0; i < opts.syncs; i++) {
    const run = await timedSync(pool, connection, database.url);
    const phases = await queuePhases(pool, run.runId, run.startedAt, run.queuedAt);
    const { ms, requests, repositoriesListed, registriesWritten } = run;
    queued.push({ ms, requests, repositoriesListed, registriesWritten, ...phases });
    console.log(
      `no-change sync ${i + 1}: ${ms} ms, ${requests} requests, ${repositoriesListed} listed, ${registriesWritten} registries written ` +
        `(start ${phases.startMs}, pickup ${phases.pickupMs}, registries ${phases.registriesMs} ` +
        `[jobs ${phases.registryJobMs.join(", ")}], ` +
        `finish wait ${phases.finishWaitMs}, finish ${phases.finishMs} ms)`,
    );
  }
  await workers.stop();
  const inProcess = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const summary = await runSync({ pool, connection, asOf, trigger: "cli", concurrency: 16, appImages: true });
    const ms = Math.round(performance.now() - started);
    inProcess.push({ ms, requests: summary.requests });
    console.log(`in-process no-change sync ${i + 1}: ${ms} ms, ${summary.requests} requests (${summary.status})`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median no-change sync on the queue: ${median(queued.map((q) => q.ms))} ms`);
  if (opts.json)
    console.log(JSON.stringify({ scale: opts.scale, workers: opts.workers, fullSync: full.ms, queued, inProcess }));
} finally {
  await stopBosses();
  await pool.end();
  simulator.stop();
  // Also the app's client, which the kept figures' reads (lib/sync/keep-derived.ts) go through.
  await database.stop();
}
