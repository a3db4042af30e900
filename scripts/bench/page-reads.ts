/**
 * npx tsx scripts/bench/page-reads.ts --data-dir DIR [--page /findings] [--page /stale] [--runs 11]
 *   [--sync-date YYYY-MM-DD] [--json]
 * The server reads of given pages (what their server components await, each timed on its own and
 * the page as a whole, the reads started together as the page's Suspense boundaries start them),
 * against an existing data dir (its embedded PostgreSQL, started on demand and stopped at the end),
 * for the estate's whole view (full access) on today's default view. First a first view, then warm
 * (median and p95 of --runs). The first view is this process's, or with --sync-date the first
 * after `npm run sync -- --date DAY` (run in a child against the same database, with this
 * process's environment: SIMULATOR_SCALE etc.) once every page was viewed, as a web server meets it.
 */
import { spawnSync } from "node:child_process";
import { Command } from "commander";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import { setEnvVar } from "../../lib/env";

const opts = new Command("page-reads")
  .requiredOption("--data-dir <dir>", "the data dir whose embedded PostgreSQL holds the estate")
  .option("--page <path>", "a page to time (repeatable; default: every page listed here)", collect, [])
  .option("--runs <n>", "warm runs per page", "11")
  .option("--sync-date <day>", "time the first view after a sync of this day (the pages viewed once before it)")
  .option("--json", "print the figures as JSON only")
  .parse()
  .opts<{ dataDir: string; page: string[]; runs: string; syncDate?: string; json?: boolean }>();

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const server = await startEmbeddedPostgres({ dataDir: opts.dataDir });
setEnvVar("DATABASE_URL", server.url);
await import("../server-only-hook");
const { closeDb, getDb } = await import("../../lib/db");
const { currentUtcDay } = await import("../../lib/calendar");
const { listFindings } = await import("../../lib/findings/server/list-findings");
const { listRecentAlerts } = await import("../../lib/alerts/server/list-recent-alerts");
const { listRegistryNames } = await import("../../lib/storage/server/list-registry-names");
const { summarizeCleanupPlan } = await import("../../lib/stale/server/summarize-cleanup-plan");
const { getPolicyInEffect } = await import("../../lib/stale/server/resolve-policy");
const { planAsOf } = await import("../../lib/stale/plan-as-of");
const { listInUseImports } = await import("../../lib/in-use/server/list-in-use-imports");

const ALL = { kind: "all" } as const;
type Reads = Record<string, () => Promise<unknown>>;

async function stalePolicy() {
  const inEffect = await getPolicyInEffect();
  if (!inEffect.valid) throw new Error("the stored cleanup policy does not validate");
  return inEffect.policy;
}

/** Each page's reads; a read the page makes after another (the policy, then the plan) is one entry. */
const PAGES: Record<string, Reads> = {
  "/findings": {
    listRegistryNames: () => listRegistryNames(ALL),
    listFindings: () => listFindings({}),
    listRecentAlerts: () => listRecentAlerts(),
  },
  "/stale": {
    "getPolicyInEffect+summarizeCleanupPlan": async () =>
      summarizeCleanupPlan({ policy: await stalePolicy(), asOf: planAsOf(currentUtcDay()), access: ALL }),
    listRegistryNames: () => listRegistryNames(ALL),
    listInUseImports: () => listInUseImports(),
  },
};

const pages = opts.page.length > 0 ? opts.page : Object.keys(PAGES);
for (const page of pages)
  if (!PAGES[page]) throw new Error(`no reads listed for ${page}: ${Object.keys(PAGES).join(", ")}`);
const runs = Number(opts.runs);
const log = (line: string) => {
  if (!opts.json) console.log(line);
};

/** One view: every read started together; milliseconds per read and for the page (the slowest). */
async function view(reads: Reads): Promise<Record<string, number>> {
  const started = performance.now();
  const times: Record<string, number> = {};
  await Promise.all(
    Object.entries(reads).map(async ([name, read]) => {
      await read();
      times[name] = performance.now() - started;
    }),
  );
  times.page = performance.now() - started;
  return times;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms);

try {
  // Connected first, as a web server is by the time anyone views a page after a sync.
  await (
    await getDb()
  ).$queryRaw`SELECT 1`;
  if (opts.syncDate) {
    for (const page of pages) await view(PAGES[page]);
    const sync = spawnSync("npm", ["run", "sync", "--", "--date", opts.syncDate], { stdio: ["ignore", 2, 2] });
    if (sync.status !== 0) throw new Error(`the sync exited with ${sync.status}`);
  }
  const results = [];
  for (const page of pages) {
    const first = await view(PAGES[page]);
    const warm: Record<string, number>[] = [];
    for (let i = 0; i < runs; i++) warm.push(await view(PAGES[page]));
    const stats = Object.fromEntries(
      Object.keys(first).map((name) => {
        const sorted = warm.map((w) => w[name]).sort((a, b) => a - b);
        return [
          name,
          {
            firstMs: round(first[name]),
            warmMedianMs: round(percentile(sorted, 0.5)),
            warmP95Ms: round(percentile(sorted, 0.95)),
          },
        ];
      }),
    );
    log(`${page} (first / warm median / warm p95 of ${runs}, ms):`);
    for (const [name, s] of Object.entries(stats)) log(`  ${name}: ${s.firstMs} / ${s.warmMedianMs} / ${s.warmP95Ms}`);
    results.push({ page, reads: stats });
  }
  console.log(
    JSON.stringify({
      dataDir: opts.dataDir,
      day: currentUtcDay(),
      syncDate: opts.syncDate ?? null,
      runs,
      pages: results,
    }),
  );
} finally {
  await closeDb();
  await server.stop();
}
