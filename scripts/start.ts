/**
 * npm start: the whole product on one machine. Resolves the database (DATABASE_URL, or the
 * embedded PostgreSQL under REGISTRY_LEDGER_DATA_DIR), applies migrations, opens the source
 * (Azure, or the built-in simulator), runs a first sync on an empty inventory, starts the sync
 * worker and its schedule, builds the web app when needed (meanwhile) and serves it on PORT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command } from "commander";
import { DAY_MS, isoDay } from "../lib/calendar";
import { closeDb, getDatabaseUrl, getPool } from "../lib/db";
import { getEnv, isLoopback, setEnvVar } from "../lib/env";
import { startDemoSignIn, type DemoSignIn } from "../lib/simulator/identity-provider/demo";
import { describeDemoUsers, DEMO_PIPELINES } from "../lib/simulator/identity-provider/users";
import { stopBosses } from "../lib/jobs/boss";
import { getPricing } from "../lib/costs/server/get-pricing";
import { startSyncWorker } from "../lib/jobs/sync-worker";
import { replaySimulatorHistory } from "../lib/sync/replay-history";
import { runSync } from "../lib/sync/run-sync";
import { openSource, type SyncSource } from "../lib/sync/source";
import { parseArgs, runCli } from "./cli";
import { setNodeFlags, STREAMING_NODE_FLAGS, SYNC_NODE_FLAGS } from "./node-flags";
import { needsBuild } from "./web-build";

// This process syncs (its first sync and its in-process worker).
setNodeFlags(SYNC_NODE_FLAGS);

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const log = (message: string) => process.stdout.write(`[ledger] ${message}\n`);

/**
 * Only `next start` serves reports: `next build` and `next dev` hand their flags to worker processes
 * through NODE_OPTIONS, which refuses V8 flags such as STREAMING_NODE_FLAGS.
 */
function run(args: string[], stdio: "inherit" | "pipe" = "inherit"): ChildProcess {
  const flags = args[0] === "start" ? STREAMING_NODE_FLAGS : [];
  return spawn(process.execPath, [...flags, nextBin, ...args], { cwd: root, stdio });
}

/**
 * Builds the web app in the background: it runs while the first sync (and the demo's history)
 * does, since neither needs the other (every page renders per request). Its output is kept and
 * shown only if it fails, so it does not tear the history's progress bar.
 */
async function build(): Promise<void> {
  log("building the web app in the background (first start or sources changed)…");
  const started = Date.now();
  const child = run(["build"], "pipe");
  const output: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) {
    process.stdout.write(Buffer.concat(output));
    throw new Error(`next build failed (exit ${code})`);
  }
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function initialSync(source: SyncSource, concurrency: number, historyDays: number): Promise<void> {
  const pool = await getPool();
  const { rows } = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM sync_runs WHERE status IN ('succeeded', 'partial')",
  );
  if (rows[0].n > 0) return;
  if (source.simulator && historyDays > 0) return replayHistory(source, source.simulator, concurrency, historyDays);
  log(`empty inventory: first sync from the ${source.kind}…`);
  const summary = await runSync({
    pool,
    connection: source.connection,
    asOf: await source.now(),
    trigger: "demo",
    concurrency,
  });
  log(
    `first sync ${summary.status}: ${summary.registries} registries, ${summary.repositories} repositories, ${summary.manifests} manifests in ${summary.durationMs} ms`,
  );
}

/** The demo's months of history: one sync per simulated day, from `days` ago up to now. */
async function replayHistory(
  source: SyncSource,
  simulator: NonNullable<SyncSource["simulator"]>,
  concurrency: number,
  days: number,
): Promise<void> {
  log(
    `empty inventory: replaying ${days} simulated days of history, one sync a day (SIMULATOR_HISTORY_DAYS=0 turns this off)…`,
  );
  const bar = new SingleBar(
    {
      format: "[ledger] history |{bar}| {value}/{total} days · {day}",
      stream: process.stdout,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const until = await source.now();
  bar.start(days + 1, 0, { day: "" });
  const result = await replaySimulatorHistory({
    pool: await getPool(),
    connection: source.connection,
    simulator,
    days,
    until,
    concurrency,
    onDay: (done, _total, summary) =>
      bar.update(done, { day: `${isoDay(until.getTime() - (days + 1 - done) * DAY_MS)} ${summary.status}` }),
  });
  bar.stop();
  const last = result.last!;
  log(
    `history replayed: ${result.syncs} syncs (${result.failed} failed) in ${result.durationMs} ms; today: ${last.registries} registries, ${last.repositories} repositories, ${last.manifests} manifests`,
  );
}

/** The demo identity provider, and this process's children (the web server) pointed at it. */
async function demoSignIn(port: number): Promise<DemoSignIn> {
  const demo = await startDemoSignIn(port);
  for (const [name, value] of Object.entries(demo.variables)) setEnvVar(name as keyof DemoSignIn["variables"], value);
  // The web server's fetch (openid-client, jose) trusts the demo issuer's own CA.
  setEnvVar("NODE_EXTRA_CA_CERTS", demo.idp.caCertPath);
  return demo;
}

function printDemoUsers({ idp, appUrl }: DemoSignIn): void {
  log(`demo sign-in: identity provider at ${idp.issuer} (its own CA: ${idp.caCertPath}; accept its certificate once)`);
  log(`open ${appUrl} and sign in as one of:`);
  for (const line of describeDemoUsers()) log(`  ${line}`);
  const gate = DEMO_PIPELINES.find((p) => p.roles.includes("Ledger.Gate"))!;
  log(
    `pipelines: client credentials ${gate.clientId} / ${gate.clientSecret} at ${idp.issuer}/token, scope ${idp.apiAudience}/.default`,
  );
}

async function main(): Promise<number> {
  const program = new Command("start")
    .option("--dev", "serve with next dev (hot reload)")
    .option("--demo-sign-in", "sign in through a built-in demo identity provider, with a demo user per role")
    .exitOverride();
  const parsed = parseArgs(program);
  if (parsed !== null) return parsed;
  const opts = program.opts<{ dev?: boolean; demoSignIn?: boolean }>();
  const demo = opts.demoSignIn ? await demoSignIn(getEnv().port) : null;
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
  if (source.simulator) {
    log(
      `source: built-in ACR simulator (seed ${env.simulator.seed}, ${env.simulator.scale}) at ${source.simulator.armEndpoint}`,
    );
    if (env.simulator.faultsFile) log(`simulator fault plan: ${env.simulator.faultsFile} (SIMULATOR_FAULTS_FILE)`);
  } else log(`source: Azure at ${env.azure.armEndpoint}`);

  const building = !opts.dev && needsBuild() ? build() : Promise.resolve();
  building.catch(() => undefined); // awaited below, after the first sync; a failure stops start-up there
  await initialSync(source, env.sync.concurrency, env.simulator.historyDays);
  await startSyncWorker({
    databaseUrl,
    pool,
    source,
    schedule: env.sync.schedule,
    concurrency: env.sync.concurrency,
    log,
  });
  log(`sync schedule: ${env.sync.schedule} (UTC)`);

  await building;
  const server = run([opts.dev ? "dev" : "start", "--port", String(env.port), "--hostname", env.auth.host]);
  const shown = isLoopback(env.auth.host) || env.auth.host === "0.0.0.0" ? "localhost" : env.auth.host;
  // Signed in, the address is AUTH_URL's: the sign-in's cookies belong to that host.
  const address = env.auth.publicUrl ?? `http://${shown}:${env.port}`;
  log(`Registry Ledger: ${address} (listening on ${env.auth.host}, AUTH_MODE=${env.auth.mode})`);
  if (demo) printDemoUsers(demo);
  if (env.auth.mode === "none" && !isLoopback(env.auth.host)) {
    log(
      "WARNING: no sign-in and not limited to this machine: anyone who reaches the port can read and change everything",
    );
  }

  const shutdown = async () => {
    server.kill("SIGTERM");
    await demo?.idp.close();
    await stopBosses();
    await source.close();
    await closeDb();
  };
  const code = await new Promise<number>((resolve) => {
    server.on("exit", (c) => resolve(c ?? 0));
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => void shutdown().then(() => resolve(0)));
  });
  await shutdown();
  return code;
}

await runCli(main);
