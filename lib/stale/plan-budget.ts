/**
 * The time limit of one cleanup plan computation. The plan's work is synchronous within a
 * repository, so the computation calls checkpoint() between repositories: every SLICE_MS it yields
 * to the event loop, so every other request (/api/health, pages) is answered while a large plan
 * computes, and once past the limit it stops with a LedgerError("unavailable") (HTTP 503) naming it.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { LedgerError } from "@/lib/errors";

/** Longest stretch of plan work between two turns of the event loop. */
const SLICE_MS = 50;

export type PlanBudget = { checkpoint(): Promise<void> };

export function planBudget(limitMs: number): PlanBudget {
  const startedAt = performance.now();
  let lastTurn = startedAt;
  return {
    async checkpoint() {
      if (performance.now() - lastTurn >= SLICE_MS) {
        await nextTurn();
        lastTurn = performance.now();
      }
      if (lastTurn - startedAt > limitMs || performance.now() - startedAt > limitMs) {
        const limit = limitMs >= 1_000 ? `${limitMs / 1_000} s` : `${limitMs} ms`;
        throw new LedgerError(
          "unavailable",
          `The cleanup plan computation exceeded its limit of ${limit} (PLAN_TIMEOUT_SECONDS) and was stopped; raise the limit or narrow the policy's keep patterns`,
        );
      }
    },
  };
}
