/**
 * npm run bench [-- --scale medium] [--seed 42] [--query-repositories 10000]
 * Measures, on this machine and in one process run, against a fresh embedded PostgreSQL and the
 * simulator in its own process (as Azure would be):
 * - a full sync and a second sync with no changes, with the raw COPY of the same rows as the
 *   write-path baseline (ratio = sync time / COPY time);
 * - the repositories page's query at N repositories (median of repeated runs), with a trivial
 *   round trip (SELECT 1) as baseline;
 * - the cleanup plan cold (computed) and warm (from the plan cache), and the stale page's summary
 *   warm, against the same SELECT 1 baseline.
 * Machines are shared and noisy: read the ratios, and rerun when in doubt.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../lib/azure/connection";
import { startEmbeddedPostgres } from "../lib/database/embedded";
import { applyMigrations } from "../lib/database/migrate";
import { closeDb } from "../lib/db";
import { setEnvVar } from "../lib/env";
import { readBudgetFromEnv } from "../lib/sync/read-meter";
import { runSync } from "../lib/sync/run-sync";
import { copyBaseline } from "./bench/copy-baseline";
import { listRegistryReads } from "./bench/registry-reads";
import { dayArgument, parseArgs, wholeNumberArgument } from "./cli";

const root = path.resolve(import.meta.dirname, "..");

// Values stay text (they are handed to the simulator's command line) once checked here.
const checked = (parse: (value: string) => unknown) => (value: string) => (parse(value), value.trim());
const program = new Command("bench")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--seed <n>", "simulator seed", checked(wholeNumberArgument(0, Number.MAX_SAFE_INTEGER)), "42")
  .option("--date <YYYY-MM-DD>", "simulated day", checked(dayArgument), "2026-11-01")
  .option(
    "--query-repositories <n>",
    "repositories for the query benchmark",
    checked(wholeNumberArgument(1, 10_000_000)),
    "10000",
  )
  .option("--concurrency <n>", "parallel data-plane requests per registry", checked(wholeNumberArgument(1, 64)), "16")
  .option("--read-limits", "the simulator throttles past ACR's read limits (the sync keeps to its budget)")
  .exitOverride();
const parsed = parseArgs(program);
if (parsed !== null) process.exit(parsed);
const opts = program.opts<{
  scale: string;
  seed: string;
  date: string;
  queryRepositories: string;
  concurrency: string;
  readLimits?: boolean;
}>();

/** The simulator in a child process, so it does not share the sync's event loop. */
async function startSimulatorProcess(): Promise<{ armEndpoint: string; caPem: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "scripts/simulator.ts"),
      "--scale",
      opts.scale,
      "--seed",
      opts.seed,
      "--date",
      opts.date,
      ...(opts.readLimits ? ["--read-limits"] : []),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  const ready = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C")) resolve(output);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited (${code}) before it was ready:\n${output}`)));
  });
  const armEndpoint = /ARM endpoint:\s+(\S+)/.exec(ready)?.[1];
  const caPath = /CA certificate:\s+(\S+)/.exec(ready)?.[1];
  if (!armEndpoint || !caPath) throw new Error(`unexpected simulator output:\n${ready}`);
  return { armEndpoint, caPem: await readFile(caPath, "utf8"), stop: () => child.kill("SIGTERM") };
}

const dataDir = await mkdtemp(path.join(tmpdir(), "ledger-bench-"));
await chmod(dataDir, 0o755); // the server runs as user "postgres" when we are root
const server = await startEmbeddedPostgres({ dataDir });
const simulator = await startSimulatorProcess();
try {
  await applyMigrations(server.url);
  setEnvVar("DATABASE_URL", server.url);
  const pool = new pg.Pool({ connectionString: server.url, max: 10 });
  const connection = simulatorConnection(simulator.armEndpoint, simulator.caPem);
  const asOf = new Date(`${opts.date}T12:00:00Z`);

  const concurrency = Number(opts.concurrency);
  // Held to ACR's read limits only when its simulator enforces them.
  const readBudget = readBudgetFromEnv(Boolean(opts.readLimits));
  const full = await runSync({ pool, connection, asOf, trigger: "cli", concurrency, readBudget });
  const again = await runSync({ pool, connection, asOf, trigger: "cli", concurrency, readBudget });
  const reads = await listRegistryReads(pool, [full.runId, again.runId]);
  const copy = await copyBaseline(pool);
  // Loaded after the hook: static imports resolve before any module body runs.
  await import("./server-only-hook");
  const { measureRepositoryQueries } = await import("./bench/repository-queries");
  const { measureCleanupPlan } = await import("./bench/cleanup-plan");
  // Before the repositories query tops the estate up with synthetic, manifest-less repositories.
  const cleanupPlan = await measureCleanupPlan(pool, opts.date);
  const query = await measureRepositoryQueries(pool, Number(opts.queryRepositories));
  await pool.end();

  const results = {
    scale: opts.scale,
    fullSync: {
      ms: full.durationMs,
      status: full.status,
      repositories: full.repositories,
      manifests: full.manifests,
      tags: full.tags,
      bodiesFetched: full.manifestBodiesFetched,
      requests: full.requests,
      throttled: full.throttled,
    },
    noChangeSync: {
      ms: again.durationMs,
      status: again.status,
      repositoriesListed: again.repositoriesListed,
      bodiesFetched: again.manifestBodiesFetched,
      requests: again.requests,
      throttled: again.throttled,
    },
    registryReads: reads,
    copyBaseline: copy,
    fullSyncOverCopy: Number((full.durationMs / copy.ms).toFixed(1)),
    repositoriesQuery: query,
    cleanupPlan,
  };
  console.log(
    `full sync (${opts.scale}): ${(full.durationMs / 1000).toFixed(1)} s, ${full.repositories} repositories, ${full.manifests} manifests, ${full.tags} tags, ${full.manifestBodiesFetched} bodies (${full.status})`,
  );
  console.log(
    `second sync, no changes: ${(again.durationMs / 1000).toFixed(2)} s, ${again.repositoriesListed} repositories listed, ${again.manifestBodiesFetched} bodies`,
  );
  console.log(
    `COPY of the same ${copy.rows} rows: ${copy.ms} ms (${copy.rowsPerSecond} rows/s); full sync / COPY = ${results.fullSyncOverCopy}×`,
  );
  for (const r of reads)
    console.log(
      `${r.registry} (${r.sku}): full sync ${r.fullRequests} requests (${r.fullThrottled} throttled), no-change sync ${r.noChangeRequests} (${r.noChangeThrottled} throttled)`,
    );
  for (const q of query.cases)
    console.log(
      `repositories query at ${query.repositories} repositories, ${q.name}: median ${q.medianMs} ms (${q.overBaseline}× SELECT 1)`,
    );
  console.log(
    `cleanup plan (${cleanupPlan.items} items): cold ${cleanupPlan.coldMs} ms (${cleanupPlan.coldOverBaseline}× SELECT 1), ` +
      `warm ${cleanupPlan.warmMs} ms (${cleanupPlan.warmOverBaseline}× SELECT 1), cold / warm = ${cleanupPlan.coldOverWarm}×; ` +
      `stale page summary warm ${cleanupPlan.pageWarmMs} ms (${cleanupPlan.pageWarmOverBaseline}× SELECT 1)`,
  );
  console.log(JSON.stringify(results));
} finally {
  simulator.stop();
  await closeDb();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
