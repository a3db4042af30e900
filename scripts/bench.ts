/**
 * npm run bench [-- --scale medium] [--workers N] [--json] [--seed 42] [--query-repositories 10000]
 * Measures, on this machine and in one run, against a fresh embedded PostgreSQL and the simulator
 * in its own process (as Azure would be):
 * - syncs as production runs them: N `npm run worker` processes on the bench's database, each run
 *   started on the queue: a full sync (with the workers' peak RSS), a second sync with no change,
 *   and one after the simulator moved one day on; the raw COPY of the synced rows is the
 *   write-path baseline (ratio = full sync time / COPY time);
 * - the production web app (next start, AUTH_MODE=none): every page's server time, the first
 *   request after the one-day sync (cold) and the p95 of ten more (warm); then every CSV report
 *   downloaded whole, each from a fresh web process, with its peak RSS while it streams;
 * - the cleanup plan cold and warm, and the repositories page's query at N repositories, against
 *   a trivial round trip (SELECT 1).
 * Human-readable lines first; with --json the last line is all the figures as one JSON object.
 * Machines are shared and noisy: read the ratios, and rerun when in doubt.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../lib/azure/connection";
import { addDays, DAY_MS, isoDay } from "../lib/calendar";
import { startEmbeddedPostgres } from "../lib/database/embedded";
import { applyMigrations } from "../lib/database/migrate";
import { closeDb } from "../lib/db";
import { setEnvVar } from "../lib/env";
import { stopBosses } from "../lib/jobs/boss";
import { copyBaseline } from "./bench/copy-baseline";
import { listPagePaths, measurePages, warmUp } from "./bench/pages";
import { rssMb } from "./bench/process-memory";
import { startWorkers } from "./bench/queued-sync";
import { listRegistryReads } from "./bench/registry-reads";
import { startSimulatorChild } from "./bench/simulator-child";
import { buildIfNeeded, downloadCsv, startWebServer, type CsvDownload } from "./bench/web-server";
import { dayArgument, parseArgs, wholeNumberArgument } from "./cli";
import { BENCH_TEAMS } from "./bench/bench-teams";

// Values stay text (they are handed to the simulator's command line) once checked here.
const checked = (parse: (value: string) => unknown) => (value: string) => (parse(value), value.trim());
const program = new Command("bench")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--seed <n>", "simulator seed", checked(wholeNumberArgument(0, Number.MAX_SAFE_INTEGER)), "42")
  // Yesterday by default, so the one-day sync the pages are timed after is today's: only a sync of
  // now keeps the figures the pages read (lib/sync/keep-derived.ts).
  .option(
    "--date <YYYY-MM-DD>",
    "simulated day of the first sync (default: yesterday, UTC)",
    checked(dayArgument),
    isoDay(Date.now() - DAY_MS),
  )
  .option("--workers <n>", "sync worker processes (npm run worker)", checked(wholeNumberArgument(1, 64)), "1")
  .option(
    "--query-repositories <n>",
    "repositories for the query benchmark",
    checked(wholeNumberArgument(1, 10_000_000)),
    "10000",
  )
  .option("--concurrency <n>", "parallel data-plane requests per registry", checked(wholeNumberArgument(1, 64)), "16")
  .option("--read-limits", "the simulator throttles past ACR's read limits (the sync keeps to its budget)")
  .option("--json", "end with every figure as one line of JSON")
  .exitOverride();
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{
  scale: string;
  seed: string;
  date: string;
  workers: string;
  queryRepositories: string;
  concurrency: string;
  readLimits?: boolean;
  json?: boolean;
}>();

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The chargeback rules the pages and reports allocate with (teams by repository path). */
// Built first: a failing build stops the bench before the long syncs, not after them.
await buildIfNeeded(log);
const dataDir = await mkdtemp(path.join(tmpdir(), "ledger-bench-"));
await chmod(dataDir, 0o755); // the server runs as user "postgres" when we are root
const server = await startEmbeddedPostgres({ dataDir });
const simulator = await startSimulatorChild({
  scale: opts.scale,
  seed: opts.seed,
  day: opts.date,
  readLimits: Boolean(opts.readLimits),
});
const cleanups: (() => Promise<void> | void)[] = [];
try {
  await applyMigrations(server.url);
  setEnvVar("DATABASE_URL", server.url);
  const pool = new pg.Pool({ connectionString: server.url, max: 10 });
  cleanups.push(() => pool.end());
  const connection = simulatorConnection(simulator.armEndpoint, simulator.caCertPem);
  const workers = await startWorkers({
    count: Number(opts.workers),
    databaseUrl: server.url,
    pool,
    connection,
    simulator,
    concurrency: Number(opts.concurrency),
    readLimits: Boolean(opts.readLimits),
  });
  cleanups.push(() => workers.stop());

  const full = await workers.sync(new Date(`${opts.date}T12:00:00Z`));
  const perWorkerPeakMb = workers.peakRssMb();
  log(
    `full sync (${opts.scale}, ${opts.workers} worker(s)): ${seconds(full.ms)}, ${full.repositories} repositories, ${full.manifests} manifests, ` +
      `${full.tags} tags, ${full.bodiesFetched} bodies, ${full.requests} requests (${full.throttled} throttled), ` +
      `worker peak RSS ${perWorkerPeakMb.join(" / ")} MB (${full.status})`,
  );

  // Loaded after the hook: static imports resolve before any module body runs.
  await import("./server-only-hook");
  const { saveChargebackConfig } = await import("../lib/chargeback/server/config-store");
  const { cliActor } = await import("../lib/audit/actor");
  await saveChargebackConfig(JSON.stringify(BENCH_TEAMS), cliActor("bench", "none"));
  const web = await startWebServer(server.url);
  cleanups.push(() => web.stop());
  const paths = await listPagePaths(pool);
  await warmUp(web.url, paths);

  const again = await workers.sync(new Date(`${opts.date}T12:00:00Z`));
  log(
    `second sync, no change: ${seconds(again.ms)}, ${again.repositoriesListed} repositories listed, ${again.bodiesFetched} bodies, ${again.requests} requests`,
  );
  const nextDay = addDays(opts.date, 1);
  await simulator.setDate(new Date(`${nextDay}T00:00:00Z`));
  const oneDay = await workers.sync(new Date(`${nextDay}T12:00:00Z`));
  log(
    `one simulated day later: ${seconds(oneDay.ms)}, ${oneDay.repositoriesListed} repositories listed, ${oneDay.bodiesFetched} new bodies, ${oneDay.requests} requests`,
  );
  await workers.stop();

  const pages = await measurePages(web.url, paths);
  for (const p of pages) log(`page ${p.path}: cold ${p.coldMs} ms, warm p95 ${p.warmP95Ms} ms`);
  const webRssAfterPagesMb = rssMb(web.pid);
  log(`web process after the pages: RSS ${webRssAfterPagesMb} MB`);
  await web.stop();
  const { listReports } = await import("../lib/reports/catalog");
  const csv: CsvDownload[] = [];
  for (const report of listReports()) {
    // Each report from a fresh web process: its peak is the report's own, not the pages' caches
    // nor an earlier report's (a process's RSS seldom falls back).
    const reportsWeb = await startWebServer(server.url);
    const download = await downloadCsv(reportsWeb, report.name).finally(() => reportsWeb.stop());
    csv.push(download);
    log(
      `${report.name}.csv: ${download.rows} rows, ${(download.bytes / 1e6).toFixed(1)} MB in ${seconds(download.ms)}, ` +
        `web RSS ${download.baselineRssMb} MB before, peak ${download.peakRssMb} MB`,
    );
  }
  const largestCsv = csv.reduce((a, b) => (b.rows > a.rows ? b : a));

  const reads = await listRegistryReads(pool, [full.runId, again.runId]);
  const copy = await copyBaseline(pool);
  const { measureRepositoryQueries } = await import("./bench/repository-queries");
  const { measureCleanupPlan } = await import("./bench/cleanup-plan");
  // Before the repositories query tops the estate up with synthetic, manifest-less repositories.
  const cleanupPlan = await measureCleanupPlan(pool, nextDay);
  const query = await measureRepositoryQueries(pool, Number(opts.queryRepositories));

  const results = {
    scale: opts.scale,
    workers: Number(opts.workers),
    fullSync: {
      ms: full.ms,
      status: full.status,
      repositories: full.repositories,
      manifests: full.manifests,
      tags: full.tags,
      bodiesFetched: full.bodiesFetched,
      requests: full.requests,
      throttled: full.throttled,
      // The largest one worker reached: each is its own process, with its own memory.
      peakRssMb: Math.max(...perWorkerPeakMb),
      peakRssMbPerWorker: perWorkerPeakMb,
    },
    noChangeSync: {
      ms: again.ms,
      status: again.status,
      repositoriesListed: again.repositoriesListed,
      bodiesFetched: again.bodiesFetched,
      requests: again.requests,
      throttled: again.throttled,
    },
    oneDaySync: {
      ms: oneDay.ms,
      status: oneDay.status,
      manifests: oneDay.manifests,
      repositoriesListed: oneDay.repositoriesListed,
      bodiesFetched: oneDay.bodiesFetched,
      requests: oneDay.requests,
      throttled: oneDay.throttled,
    },
    registryReads: reads,
    copyBaseline: copy,
    fullSyncOverCopy: Number((full.ms / copy.ms).toFixed(1)),
    pages,
    webRssAfterPagesMb,
    largestCsv: {
      report: largestCsv.report,
      rows: largestCsv.rows,
      ms: largestCsv.ms,
      peakRssMb: largestCsv.peakRssMb,
      baselineRssMb: largestCsv.baselineRssMb,
    },
    csvReports: csv,
    repositoriesQuery: query,
    cleanupPlan,
  };
  log(
    `COPY of the same ${copy.rows} rows: ${copy.ms} ms (${copy.rowsPerSecond} rows/s); full sync / COPY = ${results.fullSyncOverCopy}×`,
  );
  for (const r of reads)
    log(
      `${r.registry} (${r.sku}): full sync ${r.fullRequests} requests (${r.fullThrottled} throttled), no-change sync ${r.noChangeRequests} (${r.noChangeThrottled} throttled)`,
    );
  for (const q of query.cases)
    log(
      `repositories query at ${query.repositories} repositories, ${q.name}: median ${q.medianMs} ms (${q.overBaseline}× SELECT 1)`,
    );
  log(
    `cleanup plan (${cleanupPlan.items} items): cold ${cleanupPlan.coldMs} ms (${cleanupPlan.coldOverBaseline}× SELECT 1), ` +
      `warm ${cleanupPlan.warmMs} ms (${cleanupPlan.warmOverBaseline}× SELECT 1), cold / warm = ${cleanupPlan.coldOverWarm}×; ` +
      `stale page summary warm ${cleanupPlan.pageWarmMs} ms (${cleanupPlan.pageWarmOverBaseline}× SELECT 1)`,
  );
  if (opts.json) console.log(JSON.stringify(results));
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  await stopBosses();
  simulator.stop();
  await closeDb();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
