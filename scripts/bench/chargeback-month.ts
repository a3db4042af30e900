/**
 * npx tsx scripts/bench/chargeback-month.ts [--repositories 9600] [--months 6]
 * The chargeback month at the size of the `large` estate's history: the `small` estate synced, then
 * its registries' daily snapshots filled in for whole months ending with November 2026 (six by
 * default: the team page's trend) with N repositories in all, whose attributed bytes change every
 * day (so every day's storage cost splits over a different total). Times (3 runs each) the month's
 * cost model, one month's allocation and the Chargeback page's read (this month and the previous
 * one, allocated with six teams' rules) with nothing kept; then the months kept as the sync keeps
 * them, and the Chargeback page (whose read the chargeback CSV shares) and the team page's whole
 * server read (team-page-read.ts: six months, its cleanup part, budget line, storage and anomalies)
 * read from them, first view then warm; then one registry's new day kept again and the first views
 * after it.
 */
import { Command } from "commander";
import pg from "pg";
import { simulatorConnection } from "../../lib/azure/connection";
import { firstDayOf, shiftMonth } from "../../lib/calendar";
import { startSimulator } from "../../lib/simulator/server";
import { BENCH_TEAMS } from "./bench-teams";
import { startBenchDatabase } from "./bench-database";
import { medianOf, timed } from "./bench-timing";

const opts = new Command("chargeback-month")
  .option("--repositories <n>", "repositories in all, spread over the registries", "9600")
  .option("--months <n>", "months of daily history, ending with November 2026", "6")
  .parse()
  .opts<{ repositories: string; months: string }>();

const MONTH = "2026-11";
const TODAY = "2026-11-30";
const WARM_RUNS = 5;
const HISTORY_FROM = firstDayOf(shiftMonth(MONTH, 1 - Number(opts.months)));
async function timedLine(label: string, run: () => Promise<unknown>) {
  console.log(`${label}: ${await timed(run)} ms`);
}

await import("../server-only-hook");
const { runSync } = await import("../../lib/sync/run-sync");
const { saveChargebackConfig } = await import("../../lib/chargeback/server/config-store");
const { cliActor } = await import("../../lib/audit/actor");
const { getChargebackMonth } = await import("../../lib/chargeback/server/get-chargeback-month");
const { allocateMonth } = await import("../../lib/chargeback/server/allocate-month");
const { resolveMonthConfig } = await import("../../lib/chargeback/server/resolve-config");
const { loadRegistryMonthCosts } = await import("../../lib/costs/server/load-registry-month-costs");
const { keepRegistryChargebackMonth } = await import("../../lib/chargeback/server/keep-chargeback-month");
const { keepRegistryCleanupPlan } = await import("../../lib/stale/server/derived-cleanup-plan");
const { readTeamPage } = await import("./team-page-read");

const database = await startBenchDatabase("chargeback-month");
const asOf = new Date(`${TODAY}T12:00:00Z`);
const sim = await startSimulator({ seed: 42, scale: "small", date: asOf });
try {
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  await saveChargebackConfig(JSON.stringify(BENCH_TEAMS), cliActor("bench", "none"));
  await runSync({ pool, connection: simulatorConnection(sim.armEndpoint, sim.caCertPem), asOf, trigger: "cli" });
  const { rows: registries } = await pool.query<{ id: number }>("SELECT id FROM registries");
  const perRegistry = Math.ceil(Number(opts.repositories) / registries.length);
  for (const { id } of registries) {
    await pool.query(
      `INSERT INTO registry_snapshots (registry_id, day, sku_name, location, replica_count, replica_locations,
              repository_count, manifest_count, tag_count, logical_bytes, stored_bytes, captured_at)
       SELECT r.id, d::date, r.sku_name, r.location, 0, '{}', $2, 100, 100, 10::bigint ^ 12, 10::bigint ^ 12, now()
         FROM registries r, generate_series($4::date, $3::date, '1 day') d WHERE r.id = $1
       ON CONFLICT DO NOTHING`,
      [id, perRegistry, TODAY, HISTORY_FROM],
    );
    await pool.query(
      `INSERT INTO repository_snapshots (registry_id, repository_name, day, manifest_count, tag_count,
              untagged_manifest_count, logical_bytes, unique_bytes, attributed_bytes, captured_at)
       SELECT $1, (ARRAY['payments/', 'identity/', 'checkout/', 'app/'])[1 + i % 4] || 'r' || i, d::date, 1, 1, 0,
              1000 + i * 7, 10, 100000 + i * 13 + extract(day from d)::int * 3, now()
         FROM generate_series(1, $2::int) i, generate_series($4::date, $3::date, '1 day') d
       ON CONFLICT DO NOTHING`,
      [id, perRegistry, TODAY, HISTORY_FROM],
    );
  }
  await pool.query("ANALYZE");
  const { rows } = await pool.query<{ count: string }>("SELECT count(*) FROM repository_snapshots");
  console.log(
    `repository snapshots: ${rows[0].count} (${perRegistry} repositories per registry, from ${HISTORY_FROM})`,
  );
  const { config } = await resolveMonthConfig(undefined, { month: MONTH, today: TODAY });
  const all = { access: { kind: "all" as const }, today: TODAY };
  const teamPage = async (label: string) => {
    const times = await readTeamPage("payments", MONTH, all);
    console.log(`${label}: ${times.page} ms (${JSON.stringify(times)})`);
  };
  const dropKept = () => pool.query("DELETE FROM kept_chargeback_months");
  for (let run = 0; run < 3; run++) {
    await timedLine("cost model of the month", () => loadRegistryMonthCosts({ month: MONTH, today: TODAY }));
    await timedLine("one month allocated", () => allocateMonth({ month: MONTH, today: TODAY }, config));
    await dropKept();
    await timedLine("Chargeback page read, nothing kept", () => getChargebackMonth(MONTH, all));
  }
  await dropKept();
  // The sync keeps each registry's cleanup plan too (a sync of now; this one's is of a past day).
  await timedLine("cleanup plans kept as the sync keeps them", async () => {
    for (const { id } of registries) await keepRegistryCleanupPlan(id);
  });
  await timedLine("kept as the sync keeps them (every registry: the six months a team's page charts)", async () => {
    for (const { id } of registries) await keepRegistryChargebackMonth(id, TODAY);
  });
  await teamPage("Team page's whole read, first view after the keep");
  for (let run = 0; run < 3; run++) await timedLine("Chargeback page read, kept", () => getChargebackMonth(MONTH, all));
  console.log(
    `Team page's whole read, warm median of ${WARM_RUNS}: ${await medianOf(WARM_RUNS, () => readTeamPage("payments", MONTH, all))} ms`,
  );
  // A sync of one registry: its day's snapshots written again (a new captured_at), first with the
  // same rows (kept as they were), then with its repositories' bytes moved (kept again).
  const [changed] = registries;
  const rewriteDay = (bytesDelta: number) =>
    pool.query(
      `WITH g AS (UPDATE registry_snapshots SET captured_at = now() WHERE registry_id = $1 AND day = $2)
       UPDATE repository_snapshots SET captured_at = now(), attributed_bytes = attributed_bytes + $3
        WHERE registry_id = $1 AND day = $2`,
      [changed.id, TODAY, bytesDelta],
    );
  await rewriteDay(0);
  await timedLine("one registry's sync with no change, its months checked", () =>
    keepRegistryChargebackMonth(changed.id, TODAY),
  );
  await rewriteDay(1);
  await timedLine("one registry kept again after its sync", () => keepRegistryChargebackMonth(changed.id, TODAY));
  await timedLine("Chargeback page read, first view after that sync", () => getChargebackMonth(MONTH, all));
  await teamPage("Team page's whole read, first view after that sync");
  await pool.end();
} finally {
  await sim.close();
  await database.stop();
}
