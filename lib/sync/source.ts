/**
 * Where the sync reads from: Azure (or any Azure-compatible endpoint) as configured, or the
 * built-in ACR simulator started in a worker thread of this process when nothing Azure is
 * configured. The sync cannot tell them apart: both go through the same SDK clients over HTTPS.
 */
import { connectionFromEnv, simulatorConnection, type AzureConnection } from "../azure/connection";
import type { Env } from "../env";
import { ACR_READ_LIMITS } from "../simulator/read-limits";
import type { SimulatorHandle } from "../simulator/worker";

export type SyncSource = {
  kind: "azure" | "simulator";
  connection: AzureConnection;
  simulator?: SimulatorHandle;
  /** The moment a sync started now stands for (the simulator's clock follows real time). */
  now(): Promise<Date>;
  /**
   * Simulator only: its clock set to the moment a queued run stands for (`npm run sync --date`), so
   * a worker reads the estate the run's starter meant. Azure has only now.
   */
  moveTo?(asOf: Date): Promise<void>;
  close(): Promise<void>;
};

export async function openSource(env: Env, options: { simulatorDate?: Date } = {}): Promise<SyncSource> {
  if (env.source === "azure") {
    return { kind: "azure", connection: connectionFromEnv(env), now: async () => new Date(), close: async () => {} };
  }
  const { startSimulatorWorker } = await import("../simulator/worker");
  const { readFaultPlan } = await import("../simulator/fault-plan");
  const simulator = await startSimulatorWorker({
    seed: env.simulator.seed,
    scale: env.simulator.scale,
    port: env.simulator.port || undefined,
    date: options.simulatorDate,
    faults: env.simulator.faultsFile ? readFaultPlan(env.simulator.faultsFile, "SIMULATOR_FAULTS_FILE") : undefined,
    readLimits: env.simulator.readLimits ? ACR_READ_LIMITS : undefined,
  });
  const fixedDate = options.simulatorDate !== undefined;
  return {
    kind: "simulator",
    connection: simulatorConnection(simulator.armEndpoint, simulator.caCertPem),
    simulator,
    now: async () => {
      if (!fixedDate) await simulator.setDate(new Date());
      return simulator.getDate();
    },
    // The estate is generated again on every change of date: only when it differs.
    moveTo: async (asOf) => {
      if (simulator.getDate().getTime() !== asOf.getTime()) await simulator.setDate(asOf);
    },
    close: () => simulator.close(),
  };
}
