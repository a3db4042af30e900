/**
 * Where the size gate reads the live image from: the same source the sync reads (lib/sync/source).
 *
 * - Azure (or any Azure-compatible endpoint): the configured connection; login servers as given.
 * - The simulator the launcher runs (`npm start` hands its endpoint and CA file to the web server
 *   it spawns): the very registries the inventory was synced from.
 * - Otherwise, with the simulator as the source (the CLI beside a running app, which cannot reach
 *   the app's in-process simulator): a simulator of its own with the same seed and scale at
 *   today's date. The estate is a pure function of (seed, scale, date), so it serves the same
 *   images the app's simulator serves today; only its ports differ, so a registry's login server
 *   from the inventory is mapped to this simulator's by registry name (own-simulator-source.ts,
 *   kept apart so the web server's bundle never includes the simulator).
 */
import { readFile } from "node:fs/promises";
import { connectionFromEnv, simulatorConnection, type AzureConnection } from "../../azure/connection";
import type { Env } from "../../env";

export type GateSource = {
  connection: AzureConnection;
  /** The login server to reach a registry of the inventory at. */
  loginServerFor(registry: { name: string; loginServer: string }): string;
  close(): Promise<void>;
};

/** A simulator the caller runs (tests, the launcher's): its login servers are the inventory's. */
export function simulatorGateSource(armEndpoint: string, caPem: string): GateSource {
  return {
    connection: simulatorConnection(armEndpoint, caPem),
    loginServerFor: (r) => r.loginServer,
    close: async () => {},
  };
}

/** The configured Azure, or the simulator the launcher runs; null when the simulator is the source and this process has none to reach. */
export async function openGateSource(env: Env): Promise<GateSource | null> {
  if (env.source === "azure")
    return { connection: connectionFromEnv(env), loginServerFor: (r) => r.loginServer, close: async () => {} };
  const running = env.simulator.running;
  return running ? simulatorGateSource(running.armEndpoint, await readFile(running.caFile, "utf8")) : null;
}
