/**
 * A sync's last steps, once every registry has its outcome: registries gone from a fully listed
 * subscription marked removed, the run's totals, the apps' in-use images, the alerts of the run's
 * day raised, the run record finished and the alerts delivered.
 * The in-process sync and the queue's finishing job both run it.
 */
import type { Pool } from "pg";
import type { AzureConnection } from "../azure/connection";
import { deliverPendingAlerts, evaluateAlerts } from "../alerts/server/evaluate-alerts";
import { describeError } from "../errors";
import { passCrashPoint } from "./crash-points";
import { keepDerivedFigures } from "./keep-derived";
import { finishRunRecord } from "./run-record";
import { syncAppImages } from "./sync-app-images";
import type { SyncSummary } from "./types";
import { markRemovedRegistries, sumInventory } from "./write-subscriptions";

export type RunOutcome = {
  pool: Pool;
  connection: AzureConnection;
  runId: number;
  asOf: Date;
  /** Subscriptions whose registry list was read in full, each with every registry it listed. */
  listed: Map<string, string[]>;
  /** Registries written by this run. */
  succeeded: string[];
  errors: SyncSummary["errors"];
  /** Set when the run passed its deadline: the reason, and nothing more is read from Azure. */
  abortReason?: unknown;
  appImages: boolean;
  durationMs: () => number;
  repositoriesListed: number;
  manifestBodiesFetched: number;
  /** Called just before the run record is finished (the live progress says done). */
  onDone?: () => void;
};

export async function finishRun(run: RunOutcome): Promise<SyncSummary> {
  const { pool, errors } = run;
  await markRemovedRegistries(pool, run.listed, run.asOf);
  await passCrashPoint("removed-marked");

  const totals = await sumInventory(pool, run.succeeded);
  const timedOut = run.abortReason !== undefined;
  const status = timedOut
    ? "timed out"
    : errors.length === 0
      ? "succeeded"
      : run.succeeded.length > 0
        ? "partial"
        : "failed";
  if (timedOut)
    errors.push({
      registry: "*",
      message: `${describeError(run.abortReason)}; registries not written keep their last inventory`,
    });
  // In-use images of the apps: their errors are recorded, the registries' status stands. Not read
  // past the deadline: each sync replaces that import whole, and a cut-short read would shrink it.
  if (run.appImages && !timedOut)
    errors.push(...(await syncAppImages(pool, run.connection, [...run.listed.keys()], run.asOf)));
  await passCrashPoint("app-images-written");
  for (const armId of run.appImages && !timedOut ? run.succeeded : []) await keepDerivedFigures(armId, run.asOf);
  if (run.succeeded.length > 0) await evaluateAlerts(pool, run.asOf);
  const summary: SyncSummary = {
    runId: run.runId,
    status,
    ...totals,
    durationMs: run.durationMs(),
    repositoriesListed: run.repositoriesListed,
    manifestBodiesFetched: run.manifestBodiesFetched,
    requests: 0,
    throttled: 0,
    errors,
  };
  run.onDone?.();
  const recorded = { ...summary, ...(await finishRunRecord(pool, summary)) };
  // After the run is recorded done: a slow receiver delays only this process, never the run.
  await deliverPendingAlerts(pool);
  return recorded;
}
