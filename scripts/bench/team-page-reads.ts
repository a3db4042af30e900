/**
 * npx tsx scripts/bench/team-page-reads.ts --data-dir DIR [--team platform] [--month YYYY-MM] [--runs 11]
 *   [--keep-first] [--json]
 * The team page's whole server read (team-page-read.ts) against an existing data dir (its embedded
 * PostgreSQL, started on demand and stopped at the end), with full access on today's default
 * month: the first view in this process (its caches empty: run it right after `npm run sync` for
 * "the first view after a sync"; --keep-first keeps every registry's derived figures first, as a
 * sync of now does after its write, timed), then warm, median and p95 of --runs, each part on its
 * own. The team defaults to the first one the stored teams document declares.
 */
import { Command } from "commander";
import { startEmbeddedPostgres } from "../../lib/database/embedded";
import { setEnvVar } from "../../lib/env";

const opts = new Command("team-page-reads")
  .requiredOption("--data-dir <dir>", "the data dir whose embedded PostgreSQL holds the estate")
  .option("--team <name>", "the team (default: the stored document's first)")
  .option("--month <YYYY-MM>", "the month asked for (default: the page's, today's)")
  .option("--runs <n>", "warm runs", "11")
  .option("--keep-first", "keep every registry's derived figures first, as a sync of now does")
  .option("--json", "print the figures as JSON only")
  .parse()
  .opts<{ dataDir: string; team?: string; month?: string; runs: string; keepFirst?: boolean; json?: boolean }>();

const server = await startEmbeddedPostgres({ dataDir: opts.dataDir });
setEnvVar("DATABASE_URL", server.url);
await import("../server-only-hook");
const { closeDb, getDb } = await import("../../lib/db");
const { currentUtcDay } = await import("../../lib/calendar");
const { getChargebackConfig } = await import("../../lib/chargeback/server/config-store");
const { keepDerivedFigures } = await import("../../lib/sync/keep-derived");
const { readTeamPage } = await import("./team-page-read");
type TeamPageTimes = Awaited<ReturnType<typeof readTeamPage>>;

const log = (line: string) => {
  if (!opts.json) console.log(line);
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

try {
  // Connected first, as a web server is by the time anyone views a page after a sync.
  const db = await getDb();
  await db.$queryRaw`SELECT 1`;
  if (opts.keepFirst) {
    const started = performance.now();
    for (const { armId } of await db.registry.findMany({ where: { removedAt: null }, select: { armId: true } }))
      await keepDerivedFigures(armId, new Date());
    log(`derived figures kept as a sync of now keeps them: ${Math.round(performance.now() - started)} ms`);
  }
  const team = opts.team ?? (await getChargebackConfig()).config.teams[0]?.name;
  if (!team) throw new Error("the stored teams document declares no team: pass --team");
  const read = () => readTeamPage(team, opts.month, { access: { kind: "all" } });
  const first = await read();
  const warm: TeamPageTimes[] = [];
  for (let i = 0; i < Number(opts.runs); i++) warm.push(await read());
  const parts = Object.keys(first) as (keyof typeof first)[];
  const stats = Object.fromEntries(
    parts.map((part) => {
      const sorted = warm.map((w) => w[part]).sort((a, b) => a - b);
      return [
        part,
        { firstMs: first[part], warmMedianMs: percentile(sorted, 0.5), warmP95Ms: percentile(sorted, 0.95) },
      ];
    }),
  );
  log(`/teams/${team} (first / warm median / warm p95 of ${opts.runs}, ms):`);
  for (const [part, s] of Object.entries(stats)) log(`  ${part}: ${s.firstMs} / ${s.warmMedianMs} / ${s.warmP95Ms}`);
  console.log(JSON.stringify({ dataDir: opts.dataDir, day: currentUtcDay(), team, runs: Number(opts.runs), stats }));
} finally {
  await closeDb();
  await server.stop();
}
