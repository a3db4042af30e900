/**
 * One sync of the configured source, as `npm run sync` runs it and `npm run verify -- --repair`
 * reuses: the source opened (Azure, or the simulator started for it), the moment the sync stands
 * for read from it once, then runSync with the configured concurrency.
 */
import type { Pool } from "pg";
import type { Env } from "../env";
import { runSync, type RunSyncOptions } from "./run-sync";
import { openSource, type SyncSource } from "./source";
import type { SyncSummary } from "./types";

export type SourceSync = {
  kind: SyncSource["kind"];
  /** The moment the sync stands for; its UTC day is the day its snapshots are written for. */
  asOf: Date;
  run(options?: Omit<RunSyncOptions, "pool" | "connection" | "asOf">): Promise<SyncSummary>;
  close(): Promise<void>;
};

export async function openSourceSync(
  env: Env,
  pool: Pool,
  options: { simulatorDate?: Date; concurrency?: number } = {},
): Promise<SourceSync> {
  const source = await openSource(env, { simulatorDate: options.simulatorDate });
  let asOf: Date;
  try {
    asOf = await source.now();
  } catch (error) {
    await source.close();
    throw error;
  }
  return {
    kind: source.kind,
    asOf,
    run: (runOptions = {}) =>
      runSync({
        concurrency: options.concurrency ?? env.sync.concurrency,
        ...runOptions,
        pool,
        connection: source.connection,
        asOf,
      }),
    close: () => source.close(),
  };
}
