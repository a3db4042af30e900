/** The CLI's gate source when the simulator is the source and no running one is reachable (see gate-source.ts). */
import { simulatorConnection } from "../../azure/connection";
import type { Env } from "../../env";
import { LedgerError } from "../../errors";
import { startSimulator } from "../../simulator/server";
import type { GateSource } from "./gate-source";

export async function openOwnSimulatorGateSource(env: Env, date = new Date()): Promise<GateSource> {
  const sim = await startSimulator({ seed: env.simulator.seed, scale: env.simulator.scale, date });
  return {
    connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
    loginServerFor: (registry) => {
      const own = sim.estate().registries.find((r) => r.name === registry.name);
      if (!own)
        throw new LedgerError(
          "not_found",
          `Registry ${registry.name} is not in the simulated estate (seed ${env.simulator.seed}, ${env.simulator.scale})`,
        );
      return own.loginServer;
    },
    close: () => sim.close(),
  };
}
