/**
 * The Postgres-backed job queue (pg-boss). Syncs are jobs on one queue with the "stately"
 * policy: at most one queued and one running, so repeated "Sync now" clicks and a schedule that
 * fires during a run collapse into one pending sync. A run is then split into registry jobs that
 * any number of workers sharing the database run (lib/jobs/registry-job.ts).
 */
import { PgBoss } from "pg-boss";
import { z } from "zod";
import { describeError } from "../errors";
import { getEnv } from "../env";

export const SYNC_QUEUE = "sync";
/** One job per registry of a run: any worker may run it (singleton per run and registry). */
export const SYNC_REGISTRY_QUEUE = "sync-registry";
/** One job per batch of a large registry's repositories (lib/jobs/registry-batches.ts). */
export const SYNC_BATCH_QUEUE = "sync-registry-batch";
/** One job per run, sent by the registry job that finds every registry of the run done. */
export const SYNC_FINISH_QUEUE = "sync-finish";

/**
 * A registry job's worker refreshes its heartbeat every half of this: a worker that dies mid-job
 * stops, and the supervisor hands the job to another worker this long (plus a supervise pass) later.
 */
const HEARTBEAT_SECONDS = 10;
const SUPERVISE_SECONDS = 5;

/** The queues a run's jobs go through, worked by every worker. */
export const RUN_QUEUES: readonly string[] = [SYNC_REGISTRY_QUEUE, SYNC_BATCH_QUEUE, SYNC_FINISH_QUEUE];

/**
 * How often an idle worker looks for a run's jobs: pg-boss's shortest (its default, 2 s, cost a
 * medium sync with no change most of its time: every job waited up to a poll to be picked up,
 * and a loop that finished one waited out the rest of its poll before taking the next). A fetch
 * is one indexed statement, so a few loops at this rate are a few cheap statements a second.
 */
export const RUN_QUEUE_POLLING = { pollingIntervalSeconds: 0.5 } as const;

/**
 * Has this process's workers of a run's queues fetch now rather than at their next poll: called
 * once this process queued a run's jobs or finished one (which may have queued the next: a
 * batch, the registry's write, the run's finishing). A worker busy with a job fetches again as
 * soon as it is done. Other processes' workers find the jobs at their next poll.
 */
export function wakeRunWorkers(boss: PgBoss): void {
  for (const worker of boss.getWipData()) if (RUN_QUEUES.includes(worker.name)) boss.notifyWorker(worker.id);
}

export const syncJobPayload = z.object({
  trigger: z.enum(["ui", "schedule", "cli", "demo"]).default("schedule"),
});
export type SyncJobPayload = z.infer<typeof syncJobPayload>;

type Role = "producer" | "worker";

const holder = globalThis as typeof globalThis & { __registryLedgerBoss?: Map<string, Promise<PgBoss>> };
const instances = (holder.__registryLedgerBoss ??= new Map());

/**
 * A started pg-boss per connection string and role. Producers (the web app) only send; workers
 * also run the cron and maintenance supervisors.
 */
export function getBoss(connectionString: string, role: Role): Promise<PgBoss> {
  const key = `${role}:${connectionString}`;
  let boss = instances.get(key);
  if (!boss) {
    boss = (async () => {
      const instance = new PgBoss({
        connectionString,
        schema: "pgboss",
        max: 3,
        application_name: `registry-ledger-${role}`,
        schedule: role === "worker",
        supervise: role === "worker",
        superviseIntervalSeconds: SUPERVISE_SECONDS,
        monitorIntervalSeconds: SUPERVISE_SECONDS,
      });
      instance.on("error", (error: unknown) => console.error(`job queue: ${describeQueueError(error)}`));
      await instance.start();
      // A sync job stays active until the sync's own deadline (plus a margin to record it) has
      // passed: pg-boss's default of 15 minutes would fail a long sync that is still running.
      const expireInSeconds = getEnv().sync.timeoutMinutes * 60 + 300;
      await instance.createQueue(SYNC_QUEUE, { policy: "stately", expireInSeconds });
      await instance.updateQueue(SYNC_QUEUE, { expireInSeconds }); // a queue an earlier version created
      // A failed job (its worker's database connection lost, say) is retried with backoff; a
      // registry that fails in Azure is an outcome recorded on the run, not a failed job.
      const retried = { expireInSeconds, retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 60 };
      await instance.createQueue(SYNC_REGISTRY_QUEUE, {
        policy: "exclusive",
        heartbeatSeconds: HEARTBEAT_SECONDS,
        ...retried,
      });
      await instance.createQueue(SYNC_BATCH_QUEUE, {
        policy: "exclusive",
        heartbeatSeconds: HEARTBEAT_SECONDS,
        ...retried,
      });
      await instance.createQueue(SYNC_FINISH_QUEUE, {
        policy: "exclusive",
        heartbeatSeconds: HEARTBEAT_SECONDS,
        ...retried,
      });
      return instance;
    })();
    boss.catch(() => instances.delete(key));
    instances.set(key, boss);
  }
  return boss;
}

export async function stopBosses(): Promise<void> {
  const all = [...instances.values()];
  instances.clear();
  await Promise.all(all.map(async (b) => (await b.catch(() => null))?.stop({ graceful: true, timeout: 10_000 })));
}

/** pg-boss emits an Error, or for a worker's failure a plain copy of one naming its queue. */
export function describeQueueError(error: unknown): string {
  const copy = queueErrorCopy.safeParse(error);
  if (error instanceof Error || !copy.success) return describeError(error);
  return copy.data.queue ? `${copy.data.queue}: ${copy.data.message}` : copy.data.message;
}

const queueErrorCopy = z.object({ message: z.string(), queue: z.string().optional() });
