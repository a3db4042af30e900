/**
 * Syncs as production runs them with several workers: N `npm run worker` processes sharing the
 * bench's database, each run started on the queue (lib/jobs/start-sync-run.ts) and timed from its
 * start until its last job has finished it. The workers read the simulator as an Azure-compatible
 * endpoint, held to ACR's read limits only when the simulator enforces them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Pool } from "pg";
import type { AzureConnection } from "../../lib/azure/connection";
import { getBoss } from "../../lib/jobs/boss";
import { startSyncRun } from "../../lib/jobs/start-sync-run";
import { peakRssMb, sampleRss } from "./process-memory";

const ROOT = path.resolve(import.meta.dirname, "../..");
const POLL_MS = 250;

export type QueuedSyncResult = {
  runId: number;
  ms: number;
  status: string;
  registries: number;
  repositories: number;
  repositoriesListed: number;
  manifests: number;
  tags: number;
  bodiesFetched: number;
  requests: number;
  throttled: number;
  /** The highest summed RSS of the workers sampled during this run. */
  workersRssMb: number;
};

export type Workers = {
  pids: number[];
  /** Each worker's peak RSS since it started. */
  peakRssMb(): number[];
  sync(asOf: Date): Promise<QueuedSyncResult>;
  stop(): Promise<void>;
};

type Setup = {
  count: number;
  databaseUrl: string;
  pool: Pool;
  connection: AzureConnection;
  simulator: { armEndpoint: string; caCertPath: string };
  concurrency: number;
  readLimits: boolean;
  /** Repositories per batch job of a large registry (default SYNC_BATCH_REPOSITORIES). */
  batchRepositories?: number;
};

function startWorker(setup: Setup, index: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: setup.databaseUrl,
    REGISTRY_LEDGER_SOURCE: "azure",
    AZURE_ARM_ENDPOINT: setup.simulator.armEndpoint,
    AZURE_ACCESS_TOKEN: "simulator-token",
    NODE_EXTRA_CA_CERTS: setup.simulator.caCertPath,
    // Unlimited unless the simulator enforces ACR's limits: then the workers keep to them.
    ACR_READ_LIMITS: setup.readLimits ? "" : "off",
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") console.error(`worker ${index} exited ${code ?? signal}:\n${errors}`);
  });
  return child;
}

async function waitForRun(pool: Pool, runId: number): Promise<string> {
  for (;;) {
    const { rows } = await pool.query<{ status: string }>("SELECT status FROM sync_runs WHERE id = $1", [runId]);
    if (rows[0].status !== "running") return rows[0].status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function readResult(pool: Pool, runId: number) {
  const { rows } = await pool.query(
    `SELECT r.status, r.registries, r.repositories, r.manifests, r.tags, r.bodies_fetched AS "bodiesFetched",
            r.requests, r.throttled,
            (SELECT coalesce(sum(repositories_listed), 0)::int FROM sync_registry_results WHERE sync_run_id = r.id)
              AS "repositoriesListed"
     FROM sync_runs r WHERE r.id = $1`,
    [runId],
  );
  return rows[0] as Omit<QueuedSyncResult, "runId" | "ms" | "workersRssMb">;
}

export async function startWorkers(setup: Setup): Promise<Workers> {
  const children = Array.from({ length: setup.count }, (_, i) => startWorker(setup, i));
  const pids = children.map((c) => c.pid!);
  const boss = await getBoss(setup.databaseUrl, "producer");
  return {
    pids,
    peakRssMb: () => pids.map(peakRssMb),
    async sync(asOf) {
      const sampler = sampleRss(pids, 200);
      const started = performance.now();
      const { runId } = await startSyncRun({
        pool: setup.pool,
        boss,
        connection: setup.connection,
        asOf,
        trigger: "cli",
        concurrency: setup.concurrency,
        batchRepositories: setup.batchRepositories,
      });
      await waitForRun(setup.pool, runId);
      const ms = Math.round(performance.now() - started);
      return { runId, ms, ...(await readResult(setup.pool, runId)), workersRssMb: sampler.stop() };
    },
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
