/**
 * Where the sync reads from: Azure (or any Azure-compatible endpoint) as configured, or the
 * built-in ACR simulator started in this process when nothing Azure is configured. The sync
 * cannot tell them apart: both go through the same SDK clients over HTTPS.
 */
import { connectionFromEnv, simulatorConnection, type AzureConnection } from "../azure/connection";
import type { Env } from "../env";
import type { RunningSimulator } from "../simulator/server";

export type SyncSource = {
  kind: "azure" | "simulator";
  connection: AzureConnection;
  simulator?: RunningSimulator;
  /** The moment a sync started now stands for (the simulator's clock follows real time). */
  now(): Date;
  close(): Promise<void>;
};

export async function openSource(env: Env, options: { simulatorDate?: Date } = {}): Promise<SyncSource> {
  if (env.source === "azure") {
    return { kind: "azure", connection: connectionFromEnv(env), now: () => new Date(), close: async () => {} };
  }
  const { startSimulator } = await import("../simulator/server");
  const simulator = await startSimulator({
    seed: env.simulator.seed,
    scale: env.simulator.scale,
    port: env.simulator.port || undefined,
    date: options.simulatorDate,
  });
  const fixedDate = options.simulatorDate !== undefined;
  return {
    kind: "simulator",
    connection: simulatorConnection(simulator.armEndpoint, simulator.caCertPem),
    simulator,
    now: () => {
      if (!fixedDate) simulator.setDate(new Date());
      return simulator.getDate();
    },
    close: () => simulator.close(),
  };
}
