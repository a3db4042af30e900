/**
 * npx tsx scripts/bench/stale-plan-large.ts [--registries 12] [--repositories 800] [--manifests 85] [--web] [--json]
 *   [--data-dir DIR] [--plain-node]
 * The Stale tags page and the cleanup-plan CSV over a synthetic estate of `large`'s plan size
 * (~650,000 items over 12 registries by default), filled by SQL (lib/testing/plan-estate.ts) in a
 * fresh embedded PostgreSQL, since a full `large` sync takes most of an hour. Each registry's plan
 * is kept as the sync keeps it after its write (timed), then:
 * - the page's server read (what its server components await) in this process: the first view
 *   after the plans were kept, then warm (median of 9): the default view, a deep page of deletes,
 *   a repository filter, a team member;
 * - the CSV rendered by `npm run report -- cleanup-plan` in a process of its own, its tree's peak
 *   RSS sampled every 50 ms (the route streams the same rendering);
 * - with --web, the production web app (built if stale): /stale's whole HTML cold and warm, and
 *   the CSV downloaded from a fresh web process with its peak RSS.
 * --data-dir keeps the database in DIR and reuses an estate already filled and kept there (the
 * sizes given are then ignored); --plain-node starts the web app without scripts/node-flags.ts.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import pg from "pg";
import { currentUtcDay } from "../../lib/calendar";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import { applyMigrations } from "../../lib/database/migrate";
import { closeDb } from "../../lib/db";
import { setEnvVar } from "../../lib/env";
import { fillPlanEstate, type PlanEstateRegistry } from "../../lib/testing/plan-estate";
import { STREAMING_NODE_FLAGS } from "../node-flags";
import { sampleRss } from "./process-memory";
import { buildIfNeeded, downloadCsv, startWebServer, timePage, type CsvDownload, type WebServer } from "./web-server";

const opts = new Command("stale-plan-large")
  .option("--registries <n>", "registries", "12")
  .option("--repositories <n>", "repositories per registry", "800")
  .option("--manifests <n>", "manifests per repository", "85")
  .option("--web", "also time /stale and the CSV through the production web app")
  .option("--json", "print the figures as JSON only")
  .option("--data-dir <dir>", "keep the database here and reuse the estate it holds")
  .option("--plain-node", "start the web app without the web process's node flags")
  .parse()
  .opts<{
    registries: string;
    repositories: string;
    manifests: string;
    web?: boolean;
    json?: boolean;
    dataDir?: string;
    plainNode?: boolean;
  }>();

const WARM_RUNS = 9;
const ROOT = path.resolve(import.meta.dirname, "../..");
const log = (line: string) => {
  if (!opts.json) console.log(line);
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return Math.round(performance.now() - started);
}

async function medianOf(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) times.push(await timed(run));
  return times.sort((a, b) => a - b)[Math.floor(WARM_RUNS / 2)];
}

/** `npm run report -- cleanup-plan` in a process of its own: rows, time, and its tree's peak RSS. */
function renderCsvInChild(databaseUrl: string): Promise<{ rows: number; ms: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts", "report.ts"), "cleanup-plan"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const sampler = sampleRss([child.pid!], 50);
    let lines = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const peakRssMb = sampler.stop();
      if (code !== 0) reject(new Error(`npm run report -- cleanup-plan exited ${code}`));
      else resolve({ rows: Math.max(0, lines - 1), ms: Math.round(performance.now() - started), peakRssMb });
    });
  });
}

async function withWebServer<T>(databaseUrl: string, run: (url: string, web: WebServer) => Promise<T>): Promise<T> {
  const web = await startWebServer(databaseUrl, opts.plainNode ? [] : STREAMING_NODE_FLAGS);
  try {
    return await run(web.url, web);
  } finally {
    await web.stop();
  }
}

await import("../server-only-hook");
const { saveChargebackConfig } = await import("../../lib/chargeback/server/config-store");
const { cliActor } = await import("../../lib/audit/actor");
const { keepRegistryCleanupPlan } = await import("../../lib/stale/server/derived-cleanup-plan");
const { summarizeCleanupPlan } = await import("../../lib/stale/server/summarize-cleanup-plan");
const { resolvePolicy } = await import("../../lib/stale/server/resolve-policy");
const { planAsOf } = await import("../../lib/stale/plan-as-of");

/** Fills the estate by SQL, with the teams document the team-member view reads, and keeps each registry's plan (timed). */
async function fillAndKeep(pool: pg.Pool, estate: PlanEstateRegistry[], asOf: Date): Promise<number[]> {
  const fillMs = await timed(() => fillPlanEstate(pool, estate, asOf));
  const ids = (await pool.query<{ id: number }>("SELECT id FROM registries ORDER BY id")).rows.map((r) => r.id);
  await pool.query("ANALYZE");
  log(`filled ${estate.length} registries in ${(fillMs / 1000).toFixed(1)} s`);
  await saveChargebackConfig(
    JSON.stringify({
      teams: [
        { name: "team-a", costCenter: "CC-A" },
        { name: "team-b", costCenter: "CC-B" },
      ],
      rules: [
        { registry: "*", repository: "team-0/**", team: "team-a" },
        { registry: "*", repository: "team-1/**", team: "team-b" },
      ],
      fixedFees: { default: "even", byRegistry: {} },
    }),
    cliActor("bench", "none"),
  );
  const keepMs: number[] = [];
  for (const id of ids) keepMs.push(await timed(() => keepRegistryCleanupPlan(id)));
  return keepMs;
}

const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), "ledger-stale-large-")));
await chmod(dataDir, 0o755);
const server = await startEmbeddedPostgres({ dataDir });
try {
  await applyMigrations(server.url);
  setEnvVar("DATABASE_URL", server.url);
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  const asOf = planAsOf(currentUtcDay());
  const estate = Array.from({ length: Number(opts.registries) }, (_, i) => ({
    name: `acr${String(i).padStart(2, "0")}`,
    repositories: Number(opts.repositories),
    manifests: Number(opts.manifests),
  }));
  const filled = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM registries")).rows[0].n;
  const keepMs = filled > 0 ? [] : await fillAndKeep(pool, estate, asOf);
  const counts = await pool.query<{ manifests: number; registries: number }>(
    `SELECT (SELECT count(*)::int FROM manifests) AS manifests, (SELECT count(*)::int FROM registries) AS registries`,
  );
  const { manifests, registries } = counts.rows[0];
  log(
    `${registries} registries, ${manifests} manifests; keeping the plans took ${keepMs.join(", ") || "(reused)"} ms per registry`,
  );

  const policy = await resolvePolicy(undefined);
  const page =
    (access: { kind: "all" } | { kind: "teams"; teams: string[] }, filter: Record<string, string> = {}) =>
    () =>
      summarizeCleanupPlan({ access, policy, asOf, filter });
  const ALL = { kind: "all" } as const;
  const views = {
    default: page(ALL),
    "deep page of deletes": page(ALL, { action: "delete", page: "5000" }),
    "repository filter": page(ALL, { repository: "svc-0004" }),
    "team member": page({ kind: "teams", teams: ["team-a"] }),
  };
  const firstViewMs = await timed(views.default);
  const { totals } = await views.default();
  const items = totals.deleteRows + totals.untagRows + totals.keepRows;
  log(`${items} plan items`);
  const warm: Record<string, number> = {};
  for (const [name, view] of Object.entries(views)) warm[name] = await medianOf(view);
  log(`page: first view ${firstViewMs} ms; warm (median of ${WARM_RUNS}) ${JSON.stringify(warm)}`);

  const csv = await renderCsvInChild(server.url);
  log(`CSV in a process of its own: ${csv.rows} rows in ${(csv.ms / 1000).toFixed(1)} s, peak RSS ${csv.peakRssMb} MB`);

  let web: { coldMs: number; warmMs: number; csv: CsvDownload } | undefined;
  if (opts.web) {
    await buildIfNeeded(log);
    const pageTimes = await withWebServer(server.url, async (url) => {
      const coldMs = Math.round(await timePage(`${url}/stale`));
      const times: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) times.push(await timePage(`${url}/stale`));
      return { coldMs, warmMs: Math.round(times.sort((a, b) => a - b)[Math.floor(WARM_RUNS / 2)]) };
    });
    // A fresh web process: its peak RSS is the download's alone.
    const download = await withWebServer(server.url, (_url, web) => downloadCsv(web, "cleanup-plan"));
    web = { ...pageTimes, csv: download };
    log(`web: /stale cold ${web.coldMs} ms, warm ${web.warmMs} ms; CSV ${JSON.stringify(web.csv)}`);
  }
  await pool.end();
  console.log(
    JSON.stringify({
      registries,
      manifests,
      items,
      keepMsPerRegistry: keepMs,
      page: { firstViewMs, warmMedianMs: warm },
      csvChild: csv,
      web,
    }),
  );
} finally {
  await closeDb();
  await server.stop();
  if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
}
