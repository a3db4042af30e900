/**
 * npx tsx scripts/bench/registry-sync.ts [--scale large] [--all] [--workers 1] [--batch-repositories 500] [--trace] [--json]
 * The full sync of the subscription that holds the scale's largest registry (at `large`: 1,800
 * repositories, with a 450 and a 200 beside it), or with --all of every subscription (the whole
 * estate), as production runs it: `npm run worker` processes on a fresh embedded PostgreSQL, the
 * run started on the queue, the simulator in its own process. Prints the sync's time, each
 * worker's peak RSS, and the `COPY` of the same rows (the write-path baseline, as `npm run bench`
 * takes it): a narrower, quicker measure of memory and client-side cost than `npm run bench`,
 * which also times the pages and reports. --trace prints the workers' RSS every 10 s with the
 * registries recorded so far. The workers take SYNC_REPOSITORIES_AT_ONCE from the environment.
 */
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../../lib/azure/connection";
import { DAY_MS, isoDay } from "../../lib/calendar";
import { stopBosses } from "../../lib/jobs/boss";
import { guidFor } from "../../lib/simulator/prng";
import { SCALE_PLANS } from "../../lib/simulator/registries";
import { parseArgs, wholeNumberArgument } from "../cli";
import { copyBaseline } from "./copy-baseline";
import { rssMb } from "./process-memory";
import { startWorkers } from "./queued-sync";
import { startBenchDatabase } from "./bench-database";
import { startSimulatorChild } from "./simulator-child";

const program = new Command("registry-sync")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("large"))
  .option("--seed <n>", "simulator seed", wholeNumberArgument(0, Number.MAX_SAFE_INTEGER), 42)
  .option("--workers <n>", "sync worker processes (npm run worker)", wholeNumberArgument(1, 64), 1)
  .option("--concurrency <n>", "parallel data-plane requests per registry", wholeNumberArgument(1, 64), 16)
  .option(
    "--batch-repositories <n>",
    "repositories per batch job (SYNC_BATCH_REPOSITORIES)",
    wholeNumberArgument(1, 1e6),
  )
  .option("--all", "every subscription: the whole estate")
  .option("--trace", "print the workers' RSS every 10 s with the registries recorded so far")
  .option("--json", "end with every figure as one line of JSON")
  .exitOverride();
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{
  scale: "small" | "medium" | "large";
  seed: number;
  workers: number;
  concurrency: number;
  batchRepositories?: number;
  all?: boolean;
  trace?: boolean;
  json?: boolean;
}>();

// Registries go round the subscriptions (lib/simulator/registries.ts): the largest one's is i % n.
const plan = SCALE_PLANS[opts.scale];
const largest = plan.repositories.indexOf(Math.max(...plan.repositories));
const subscriptionIndex = largest % plan.subscriptions;
const subscriptionIds = Array.from({ length: plan.subscriptions }, (_, i) => i)
  .filter((i) => opts.all || i === subscriptionIndex)
  .map((i) => guidFor(opts.seed, "subscription", i));
const repositories = plan.repositories.filter((_, i) => opts.all || i % plan.subscriptions === subscriptionIndex);
const day = isoDay(Date.now() - DAY_MS);

const database = await startBenchDatabase("bench");
const simulator = await startSimulatorChild({ scale: opts.scale, seed: String(opts.seed), day, readLimits: false });
try {
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const connection = simulatorConnection(simulator.armEndpoint, simulator.caCertPem, subscriptionIds);
  const workers = await startWorkers({
    count: opts.workers,
    databaseUrl: database.url,
    pool,
    connection,
    simulator,
    concurrency: opts.concurrency,
    readLimits: false,
    batchRepositories: opts.batchRepositories,
  });
  try {
    const trace = opts.trace ? traceWorkers(pool, workers.pids) : undefined;
    const full = await workers.sync(new Date(`${day}T12:00:00Z`)).finally(() => clearInterval(trace));
    const peakRssMb = workers.peakRssMb();
    await workers.stop();
    const copy = await copyBaseline(pool);
    const results = {
      scale: opts.scale,
      registriesRepositories: repositories,
      workers: opts.workers,
      status: full.status,
      ms: full.ms,
      repositories: full.repositories,
      manifests: full.manifests,
      tags: full.tags,
      bodiesFetched: full.bodiesFetched,
      requests: full.requests,
      throttled: full.throttled,
      peakRssMb: Math.max(...peakRssMb),
      peakRssMbPerWorker: peakRssMb,
      copyBaseline: copy,
      syncOverCopy: Number((full.ms / copy.ms).toFixed(1)),
    };
    const what = opts.all ? "every subscription" : "largest registry's subscription";
    console.log(
      `full sync of ${opts.scale}'s ${what} (registries of ${repositories.join(", ")} repositories), ` +
        `${opts.workers} worker(s): ${(full.ms / 1000).toFixed(1)} s, ${full.repositories} repositories, ${full.manifests} manifests, ` +
        `${full.tags} tags, ${full.bodiesFetched} bodies, ${full.requests} requests (${full.status}); worker peak RSS ${peakRssMb.join(" / ")} MB; ` +
        `COPY of the same ${copy.rows} rows ${copy.ms} ms; sync / COPY = ${results.syncOverCopy}×`,
    );
    if (opts.json) console.log(JSON.stringify(results));
  } finally {
    await workers.stop();
    await pool.end();
  }
} finally {
  await stopBosses();
  simulator.stop();
  await database.stop();
}

/** Every 10 s: the seconds since the sync started, the workers' RSS now, and the registries recorded. */
function traceWorkers(pool: pg.Pool, pids: number[]): NodeJS.Timeout {
  const started = performance.now();
  return setInterval(() => {
    const rss = pids.map(rssMb).join(" / ");
    void pool
      .query<{ n: number }>("SELECT count(*)::int AS n FROM sync_registry_results")
      .then(({ rows }) =>
        console.log(
          `${((performance.now() - started) / 1000).toFixed(0)} s: RSS ${rss} MB, ${rows[0].n} registries recorded`,
        ),
      )
      .catch(() => undefined);
  }, 10_000);
}
