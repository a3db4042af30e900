/**
 * npx tsx scripts/bench/replay-history.ts [days] [scale]: times the first start's demo history
 * replay (lib/sync/replay-history) against a fresh embedded PostgreSQL and the simulator in its
 * worker thread, as `npm start` runs it, and prints the time per simulated day.
 */
import { simulatorConnection } from "../../lib/azure/connection";
import { getPool } from "../../lib/db";
import { startSimulatorWorker } from "../../lib/simulator/worker";
import { replaySimulatorHistory } from "../../lib/sync/replay-history";
import { startBenchDatabase } from "./bench-database";

const days = Number(process.argv[2] ?? 20);
const scale = (process.argv[3] ?? "small") as "small" | "medium" | "large";
const until = new Date("2026-11-28T12:00:00Z");
const database = await startBenchDatabase("replay");
const sim = await startSimulatorWorker({ seed: 42, scale, date: until });
try {
  const pool = await getPool(); // the pool npm start hands the replay
  const perDay: number[] = [];
  let last = Date.now();
  const result = await replaySimulatorHistory({
    pool,
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    simulator: sim,
    days,
    until,
    onDay: () => {
      perDay.push(Date.now() - last);
      last = Date.now();
    },
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const blocks: string[] = [];
  for (let i = 1; i < perDay.length; i += 30)
    blocks.push(`days ${i}-${Math.min(i + 29, perDay.length - 1)}: ${median(perDay.slice(i, i + 30))} ms`);
  console.log(`median per day by block: ${blocks.join(", ")}`);
  const daily = perDay.slice(1).sort((a, b) => a - b);
  const dayMedian = daily[Math.floor(daily.length / 2)];
  console.log(
    `replay ${days} days (${scale}): ${result.durationMs} ms total, first sync ${perDay[0]} ms, then median ${dayMedian} ms per day (min ${daily[0]}, max ${daily.at(-1)}); ${result.failed} failed`,
  );
  // The first day is a full sync of the estate in the same run: the ratio holds on a loaded machine.
  console.log(
    `a simulated day costs ${(dayMedian / perDay[0]).toFixed(3)} of the first (full) sync; the whole replay ${(result.durationMs / perDay[0]).toFixed(1)} full syncs`,
  );
} finally {
  await sim.close();
  await database.stop();
}
