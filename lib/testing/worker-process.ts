/**
 * Test support: `npm run worker` as users run it, in child processes against one test database and
 * the simulator as an Azure-compatible endpoint (its CA trusted through a file, as a real
 * deployment trusts a corporate CA), so a test can SIGKILL one of them mid-job.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunningSimulator } from "../simulator/server";
import type { TestDatabase } from "./database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKER_SCRIPT = path.join(ROOT, "scripts/worker.ts");

export type WorkerProcesses = {
  /** One more worker working `concurrency` jobs at once; its output is printed if it fails. */
  start(name: string, concurrency: number): ChildProcess;
  /** SIGKILLs the workers still running and removes the CA file. */
  close(): Promise<void>;
};

export async function workerProcesses(sim: RunningSimulator, database: TestDatabase): Promise<WorkerProcesses> {
  const caDirectory = await fs.mkdtemp(path.join(os.tmpdir(), "worker-ca-"));
  const caFile = path.join(caDirectory, "ca.pem");
  await fs.writeFile(caFile, sim.caCertPem);
  const children: ChildProcess[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_DIRECT_URL: database.directUrl === database.url ? "" : database.directUrl,
    REGISTRY_LEDGER_SOURCE: "azure",
    AZURE_ARM_ENDPOINT: sim.armEndpoint,
    AZURE_ACCESS_TOKEN: "simulator-token",
    NODE_EXTRA_CA_CERTS: caFile,
  };
  return {
    start(name, concurrency) {
      // node itself with tsx's loader (no wrapper process), so a kill is this child's own death.
      const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT, "--concurrency", String(concurrency)], {
        cwd: ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      child.on("exit", (code, signal) => {
        if (code !== 0 && signal !== "SIGKILL") console.error(`worker ${name} exited ${code ?? signal}:\n${output}`);
      });
      children.push(child);
      return child;
    },
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await fs.rm(caDirectory, { recursive: true, force: true });
    },
  };
}
