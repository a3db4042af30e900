/** The worker side of lib/simulator/worker.ts: one simulator, driven by messages. */
import { parentPort, workerData } from "node:worker_threads";
import { startSimulator, type RunningSimulator } from "./server";
import type { WorkerReply, WorkerRequest } from "./worker";

const port = parentPort!;
const post = (message: WorkerReply) => port.postMessage(message);

let sim: RunningSimulator;
try {
  sim = await startSimulator({ ...workerData, date: new Date(workerData.date) });
  post({
    kind: "ready",
    armEndpoint: sim.armEndpoint,
    caCertPem: sim.caCertPem,
    caCertPath: sim.caCertPath,
    subscriptionIds: sim.subscriptionIds,
  });
} catch (error) {
  post({ kind: "failed", error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

port.on("message", async (request: WorkerRequest) => {
  try {
    if (request.op === "setDate") sim.setDate(new Date(request.date));
    else await sim.close();
    post({ kind: "done", id: request.id });
  } catch (error) {
    post({ kind: "done", id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
