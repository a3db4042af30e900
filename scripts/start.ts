/**
 * npm start: the whole product on one machine. Resolves the database (DATABASE_URL, or the
 * embedded PostgreSQL under REGISTRY_LEDGER_DATA_DIR), applies migrations, opens the source
 * (Azure, or the built-in simulator), runs a first sync on an empty inventory, starts the sync
 * worker and its schedule, builds the web app when needed and serves it on PORT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { closeDb, getDatabaseUrl, getPool } from "../lib/db";
import { getEnv, setEnvVar } from "../lib/env";
import { stopBosses } from "../lib/jobs/boss";
import { getPricing } from "../lib/pricing";
import { startSyncWorker } from "../lib/jobs/sync-worker";
import { runSync } from "../lib/sync/run-sync";
import { openSource, type SyncSource } from "../lib/sync/source";
import { runCli } from "./cli";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const log = (message: string) => process.stdout.write(`[ledger] ${message}\n`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A build older than any source file is stale: rebuild rather than serve yesterday's pages. */
function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib"].some((dir) => newestMtime(path.join(root, dir)) > built);
}

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { cwd: root, stdio: "inherit" });
}

async function build(): Promise<void> {
  log("building the web app (first start or sources changed)…");
  const child = run(["build"]);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

async function initialSync(source: SyncSource, concurrency: number): Promise<void> {
  const pool = await getPool();
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_runs WHERE status IN ('succeeded', 'partial')");
  if (rows[0].n > 0) return;
  log(`empty inventory: first sync from the ${source.kind}…`);
  const summary = await runSync({ pool, connection: source.connection, asOf: source.now(), trigger: "demo", concurrency });
  log(`first sync ${summary.status}: ${summary.registries} registries, ${summary.repositories} repositories, ${summary.manifests} manifests in ${summary.durationMs} ms`);
}

async function main(): Promise<number> {
  const opts = new Command("start").option("--dev", "serve with next dev (hot reload)").parse().opts<{ dev?: boolean }>();
  const env = getEnv();
  // A bad pricing file stops start-up here, with its message, rather than on the first cost page.
  const pricing = await getPricing();
  const databaseUrl = await getDatabaseUrl();
  const pool = await getPool();
  log(env.databaseUrl ? "database: DATABASE_URL" : `database: embedded PostgreSQL in ${env.dataDir}`);
  // The web server runs as a child: hand it the resolved server so it does not start another.
  setEnvVar("DATABASE_URL", databaseUrl);

  const source = await openSource(env);
  log(`pricing: ${pricing.source}`);
  if (source.simulator) {
    // The web server (a child) reaches the same simulator for the size gate's live reads.
    setEnvVar("REGISTRY_LEDGER_SIMULATOR_ENDPOINT", source.simulator.armEndpoint);
    setEnvVar("REGISTRY_LEDGER_SIMULATOR_CA_FILE", source.simulator.caCertPath);
  }
  if (source.simulator) log(`source: built-in ACR simulator (seed ${env.simulator.seed}, ${env.simulator.scale}) at ${source.simulator.armEndpoint}`);
  else log(`source: Azure at ${env.azure.armEndpoint}`);

  await initialSync(source, env.sync.concurrency);
  await startSyncWorker({ databaseUrl, pool, source, schedule: env.sync.schedule, concurrency: env.sync.concurrency, log });
  log(`sync schedule: ${env.sync.schedule} (UTC)`);

  if (!opts.dev && needsBuild()) await build();
  const server = run([opts.dev ? "dev" : "start", "--port", String(env.port)]);
  log(`Registry Ledger: http://localhost:${env.port}`);

  const shutdown = async () => {
    server.kill("SIGTERM");
    await stopBosses();
    await source.close();
    await closeDb();
  };
  const code = await new Promise<number>((resolve) => {
    server.on("exit", (c) => resolve(c ?? 0));
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown().then(() => resolve(0)));
  });
  await shutdown();
  return code;
}

await runCli(main);
