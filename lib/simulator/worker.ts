/**
 * The simulator in a worker thread, as `npm start` and `npm run sync` run it: serving the sync's
 * HTTPS requests and carrying the estate to the next simulated day take another core than the
 * sync itself (the demo's history replay is otherwise one busy thread for both sides). Tests
 * and scripts that read the ground truth use startSimulator in their own thread instead.
 */
import { Worker } from "node:worker_threads";
import type { SimulatorOptions } from "./server";

/** What a sync source needs of a simulator running elsewhere: where it is, and its clock. */
export interface SimulatorHandle {
  armEndpoint: string;
  caCertPem: string;
  caCertPath: string;
  subscriptionIds: string[];
  getDate(): Date;
  /** Resolves once the simulator serves the estate as of `date`. */
  setDate(date: Date): Promise<void>;
  close(): Promise<void>;
}

/** Messages of the worker (lib/simulator/worker-thread.ts). */
export type WorkerReady = {
  kind: "ready";
  armEndpoint: string;
  caCertPem: string;
  caCertPath: string;
  subscriptionIds: string[];
};
export type WorkerReply =
  { kind: "done"; id: number; error?: string } | WorkerReady | { kind: "failed"; error: string };
export type WorkerRequest = { id: number; op: "setDate"; date: string } | { id: number; op: "close" };

export async function startSimulatorWorker(
  options: Omit<SimulatorOptions, "date"> & { date?: Date },
): Promise<SimulatorHandle> {
  // The worker's module is TypeScript: it runs under tsx, as our scripts do (a thread started
  // under tsx inherits its loader with execArgv; elsewhere, such as under vitest, it is added).
  const inherited = process.execArgv.some((arg) => arg.includes("tsx"));
  const worker = new Worker(new URL("./worker-thread.ts", import.meta.url), {
    workerData: { ...options, date: (options.date ?? new Date()).toISOString() },
    execArgv: inherited ? process.execArgv : [...process.execArgv, "--import", "tsx"],
  });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    worker.on("message", (message: WorkerReply) => {
      if (message.kind === "ready") resolve(message);
      else if (message.kind === "failed") reject(new Error(`The ACR simulator could not start: ${message.error}`));
      else {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p?.reject(new Error(`ACR simulator: ${message.error}`));
        else p?.resolve();
      }
    });
    worker.on("error", (error) => {
      reject(error);
      failAll(error);
    });
    worker.on("exit", (code) => {
      const error = new Error(`The ACR simulator's thread stopped (exit ${code})`);
      reject(error);
      failAll(error);
    });
  });
  const call = (request: { op: "setDate"; date: string } | { op: "close" }) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
  let date = options.date ?? new Date();
  return {
    armEndpoint: ready.armEndpoint,
    caCertPem: ready.caCertPem,
    caCertPath: ready.caCertPath,
    subscriptionIds: ready.subscriptionIds,
    getDate: () => new Date(date),
    setDate: async (d) => {
      if (Number.isNaN(d.getTime())) throw new Error("ACR simulator: the simulated date is not a valid date");
      await call({ op: "setDate", date: d.toISOString() });
      date = new Date(d);
    },
    close: async () => {
      await call({ op: "close" }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
