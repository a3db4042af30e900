/**
 * The bench's simulator in a child process of its own (so it never shares an event loop or an RSS
 * figure with what is measured), driven over IPC: it reports its endpoint when ready and moves
 * its clock when told, as the demo's history does (only the new days' events are applied).
 * Arguments: scale seed YYYY-MM-DD [read-limits].
 */
import { ACR_READ_LIMITS } from "../../lib/simulator/read-limits";
import { startSimulator, type Scale } from "../../lib/simulator/server";

export type SimulatorReady = { armEndpoint: string; caCertPath: string; caCertPem: string };
export type SimulatorCommand = { op: "setDate"; date: string };

const [scale, seed, day, limits] = process.argv.slice(2);
const sim = await startSimulator({
  scale: scale as Scale,
  seed: Number(seed),
  date: new Date(`${day}T00:00:00Z`), // as `npm run simulator -- --date` takes it: the day's start
  readLimits: limits === "read-limits" ? ACR_READ_LIMITS : undefined,
});
process.on("message", (command: SimulatorCommand) => {
  sim.setDate(new Date(command.date));
  process.send!({ op: "dateSet", date: command.date });
});
process.on("disconnect", () => void sim.close().then(() => process.exit(0)));
const ready: SimulatorReady = { armEndpoint: sim.armEndpoint, caCertPath: sim.caCertPath, caCertPem: sim.caCertPem };
process.send!({ op: "ready", ...ready });
