/**
 * Test support: `npm run sync` as users run it, in a child process against a given database and a
 * simulator on fixed ports (so every sync of a test sees the same login servers), optionally told
 * to SIGKILL itself at a crash point (lib/sync/crash-points).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Pool } from "pg";
import { simulatorConnection } from "../azure/connection";
import { startSimulator } from "../simulator/server";
import { runSync } from "../sync/run-sync";
import { fingerprintInventory, type Fingerprint } from "./inventory-fingerprint";

export type SyncProcessResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

const ROOT = path.resolve(import.meta.dirname, "../..");
const SYNC_SCRIPT = path.join(ROOT, "scripts/sync.ts");

export type SyncProcessOptions = {
  databaseUrl: string;
  day: string;
  seed: number;
  simulatorPort: number;
  crashAt?: string;
  /** More flags after the usual ones (e.g. --no-wait). */
  args?: string[];
  /** More variables for the process (e.g. REGISTRY_LEDGER_ALERT_WEBHOOK_URL). */
  env?: Record<string, string>;
};

export function runSyncProcess(options: SyncProcessOptions): Promise<SyncProcessResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REGISTRY_LEDGER_SOURCE: "simulator",
    SIMULATOR_SEED: String(options.seed),
    SIMULATOR_SCALE: "small",
    SIMULATOR_PORT: String(options.simulatorPort),
    REGISTRY_LEDGER_CRASH_AT: options.crashAt,
    ...options.env,
  };
  if (options.crashAt === undefined) delete env.REGISTRY_LEDGER_CRASH_AT;
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader (no wrapper process), so a kill is this child's own death.
    const args = [
      "--import",
      "tsx",
      SYNC_SCRIPT,
      "--date",
      options.day,
      "--json",
      "--concurrency",
      "8",
      ...(options.args ?? []),
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * A port P with P..P+count all free on loopback (the simulator's ARM port and its registries').
 * Drawn below Linux's ephemeral range (32768 and up), where no listener on port 0 and no outgoing
 * connection of a test file running alongside can take one of them between two syncs.
 */
export async function findFreePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * (32_000 - count - 10_000));
    let free = true;
    for (let p = base; p <= base + count && free; p++) free = await isFree(p);
    if (free) return base;
  }
  throw new Error("no free range of ports found");
}

export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * The inventory an in-process sync of the simulator on these ports stores into `pool`: what a
 * `npm run sync` of the same simulated day must equal.
 */
export async function cleanInventory(
  pool: Pool,
  options: { seed: number; asOf: Date; port: number },
): Promise<Fingerprint> {
  const sim = await startSimulator({ seed: options.seed, scale: "small", date: options.asOf, port: options.port });
  try {
    await runSync({
      pool,
      connection: simulatorConnection(sim.armEndpoint, sim.caCertPem),
      asOf: options.asOf,
      concurrency: 8,
    });
  } finally {
    await sim.close();
  }
  return fingerprintInventory(pool);
}
