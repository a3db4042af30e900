/**
 * npx tsx scripts/bench/chargeback-timing.ts [--scale medium]
 * One sync of the simulated estate into a fresh embedded PostgreSQL, then the chargeback views'
 * timings (median of 5) with the bench's teams document stored: the monthly review (two months) on
 * its first view, which keeps them, then as kept, and with the same rules as a draft (never kept);
 * a team's page (six months and the estate's cleanup plan) and its cleanup part alone, the preview
 * of a rule set, the chargeback CSV (the rules given as a draft).
 */
import { Command, Option } from "commander";
import pg from "pg";
import { simulatorConnection } from "../../lib/azure/connection";
import { monthOfDay } from "../../lib/calendar";
import { parseChargebackConfig } from "../../lib/chargeback/config";
import { startSimulator } from "../../lib/simulator/server";
import { BENCH_TEAMS } from "./bench-teams";
import { startBenchDatabase } from "./bench-database";

const opts = new Command("chargeback-timing")
  .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]).default("medium"))
  .option("--date <YYYY-MM-DD>", "simulated day", "2026-11-20")
  .parse()
  .opts<{ scale: "small" | "medium" | "large"; date: string }>();

async function median(label: string, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)})`);
}

await import("../server-only-hook");
const { runSync } = await import("../../lib/sync/run-sync");
const { getChargebackMonth } = await import("../../lib/chargeback/server/get-chargeback-month");
const { getTeamCleanup, getTeamDetail } = await import("../../lib/chargeback/server/get-team-detail");
const { previewOwnership } = await import("../../lib/chargeback/server/preview-ownership");
const { chargebackReport } = await import("../../lib/chargeback/chargeback-report");
const { saveChargebackConfig } = await import("../../lib/chargeback/server/config-store");
const { cliActor } = await import("../../lib/audit/actor");

const database = await startBenchDatabase("chargeback");
const sim = await startSimulator({ seed: 42, scale: opts.scale, date: new Date(`${opts.date}T12:00:00Z`) });
try {
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const started = performance.now();
  const summary = await runSync({
    pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    asOf: new Date(`${opts.date}T12:00:00Z`),
  });
  console.log(
    `sync (${summary.status}): ${summary.repositories} repositories, ${summary.manifests} manifests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await pool.end();
  const config = parseChargebackConfig(BENCH_TEAMS);
  await saveChargebackConfig(JSON.stringify(BENCH_TEAMS), cliActor("bench", "none"));
  const month = monthOfDay(opts.date);
  const today = opts.date;
  const all = { access: { kind: "all" as const }, today };
  // The stored rules' months are kept on their first view (the sync keeps only today's); a draft's never.
  const firstView = performance.now();
  const review = await getChargebackMonth(month, all);
  console.log(`getChargebackMonth, first view (nothing kept): ${(performance.now() - firstView).toFixed(0)} ms`);
  console.log(`lines: ${review.lines.length}, teams: ${review.byTeam.length}, registries: ${review.byRegistry.length}`);
  await median("getChargebackMonth (kept)", () => getChargebackMonth(month, all));
  await median("getChargebackMonth with a draft config (never kept)", () =>
    getChargebackMonth(month, { ...all, config }),
  );
  await median("getTeamDetail(payments) (kept)", () => getTeamDetail("payments", month, { ...all, asOf: today }));
  await median("getTeamCleanup(payments)", () =>
    getTeamCleanup("payments", { access: { kind: "all" }, config, asOf: today }),
  );
  await median("previewOwnership", () => previewOwnership(BENCH_TEAMS));
  await median("chargeback CSV", async () => {
    let bytes = 0;
    for await (const chunk of (
      await chargebackReport.render({ month, asOf: today, rules: JSON.stringify(BENCH_TEAMS) }, { kind: "all" })
    ).chunks)
      bytes += chunk.length;
    return bytes;
  });
} finally {
  await sim.close();
  await database.stop();
}
