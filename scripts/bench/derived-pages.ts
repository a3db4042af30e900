/**
 * npx tsx scripts/bench/derived-pages.ts [--scale medium] [--json]
 * The three pages whose figures the sync keeps per registry (Stale tags, Size regressions,
 * Chargeback), timed as a user meets them: the first view after a sync, then warm (median of 9).
 * One full sync of the simulated estate at today's date (the pages' default day) into a fresh
 * embedded PostgreSQL, then two syncs with no change, each followed by a first view of each page.
 * A page is timed by its server read (what its server components await), in this process, so
 * the page's in-process caches behave as in the web app: a sync moves their keys.
 */
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../../lib/azure/connection";
import { currentUtcDay } from "../../lib/calendar";
import { startSimulator } from "../../lib/simulator/server";
import { BENCH_TEAMS } from "./bench-teams";
import { startBenchDatabase } from "./bench-database";
import { medianOf, timed } from "./bench-timing";

const opts = new Command("derived-pages")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--json", "print the figures as JSON only")
  .parse()
  .opts<{ scale: "small" | "medium" | "large"; json?: boolean }>();

const WARM_RUNS = 9;
const AFTER_SYNCS = 2;

const log = (line: string) => {
  if (!opts.json) console.log(line);
};

await import("../server-only-hook");
const { runSync } = await import("../../lib/sync/run-sync");
const { saveChargebackConfig } = await import("../../lib/chargeback/server/config-store");
const { cliActor } = await import("../../lib/audit/actor");
const { summarizeCleanupPlan } = await import("../../lib/stale/server/summarize-cleanup-plan");
const { resolvePolicy } = await import("../../lib/stale/server/resolve-policy");
const { planAsOf } = await import("../../lib/stale/plan-as-of");
const { listSizeRegressions } = await import("../../lib/image-size/server/list-size-regressions");
const { DEFAULT_TREND_SETTINGS } = await import("../../lib/image-size/image-size");
const { getChargebackMonth } = await import("../../lib/chargeback/server/get-chargeback-month");

const ALL = { kind: "all" } as const;
const PAGES = {
  "/stale": async () =>
    summarizeCleanupPlan({ access: ALL, policy: await resolvePolicy(undefined), asOf: planAsOf(currentUtcDay()) }),
  "/size-regressions": () => listSizeRegressions({}, DEFAULT_TREND_SETTINGS, ALL),
  "/chargeback": () => getChargebackMonth(undefined, { access: ALL }),
};
type PagePath = keyof typeof PAGES;
const paths = Object.keys(PAGES) as PagePath[];

const database = await startBenchDatabase("derived");
const sim = await startSimulator({ seed: 42, scale: opts.scale, date: new Date() });
try {
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const connection = simulatorConnection(sim.armEndpoint, sim.caCertPem);
  await saveChargebackConfig(JSON.stringify(BENCH_TEAMS), cliActor("bench", "none"));
  const sync = async () => {
    const summary = await runSync({ pool, connection, asOf: new Date(), trigger: "cli" });
    return { ms: summary.durationMs, status: summary.status, manifests: summary.manifests };
  };
  const firstViews = async () => {
    const views: Partial<Record<PagePath, number>> = {};
    for (const page of paths) views[page] = await timed(PAGES[page]);
    return views;
  };

  const fullSync = await sync();
  log(`full sync (${opts.scale}): ${(fullSync.ms / 1000).toFixed(1)} s, ${fullSync.manifests} manifests`);
  const afterFull = await firstViews();
  log(`first views after the full sync: ${JSON.stringify(afterFull)}`);
  const warm: Partial<Record<PagePath, number>> = {};
  for (const page of paths) warm[page] = await medianOf(WARM_RUNS, PAGES[page]);
  log(`warm (median of ${WARM_RUNS}): ${JSON.stringify(warm)}`);
  const noChange: { syncMs: number; firstViews: Partial<Record<PagePath, number>> }[] = [];
  for (let i = 0; i < AFTER_SYNCS; i++) {
    const again = await sync();
    const views = await firstViews();
    noChange.push({ syncMs: again.ms, firstViews: views });
    log(`no-change sync ${(again.ms / 1000).toFixed(2)} s; first views after it: ${JSON.stringify(views)}`);
  }
  await pool.end();
  console.log(
    JSON.stringify({
      scale: opts.scale,
      fullSync,
      pages: paths.map((page) => ({
        path: page,
        firstAfterFullSyncMs: afterFull[page],
        firstAfterNoChangeSyncMs: noChange.map((n) => n.firstViews[page]),
        warmMedianMs: warm[page],
      })),
      noChangeSyncMs: noChange.map((n) => n.syncMs),
    }),
  );
} finally {
  await sim.close();
  await database.stop();
}
