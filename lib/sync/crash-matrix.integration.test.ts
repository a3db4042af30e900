/**
 * The sync killed at any instant: `npm run sync` in a child process SIGKILLs itself at named points
 * across every phase (listing, bodies, contents, the registry's transaction: repositories, trail,
 * storage, snapshots; after commit; recording; the apps' images), alone or together with its
 * PostgreSQL. After each kill every registry is either fully synced or exactly at its last good
 * inventory, and the next sync yields exactly what a clean sync yields: every stored row (but ids,
 * tokens, fetch times and run records) and every report.
 *
 * This file: the kills in the first phases of an incremental sync (through the storage write, after
 * which every report is compared too). crash-matrix-late.integration.test.ts: the later phases, a
 * first sync from empty, and PostgreSQL killed or restarted. Two files, so the two run at once.
 */
import { describe, expect, it } from "vitest";
import {
  CASE_TIMEOUT_MS,
  EARLY_KILLS,
  expectIncrementalKillRecovers,
  INCREMENTAL_KILLS,
  useCrashMatrix,
} from "../testing/crash-matrix";
import { CRASH_POINTS } from "./crash-points";

const matrix = useCrashMatrix();

describe("a sync killed with SIGKILL, then run again", () => {
  it("covers every crash point", () => {
    const covered = new Set(INCREMENTAL_KILLS.map((k) => k.split(":")[0]));
    expect(CRASH_POINTS.filter((p) => !covered.has(p))).toEqual([]);
  });

  it.each(EARLY_KILLS)(
    "killed at %s: each registry kept its last good inventory or is fully synced; the next sync equals a clean one",
    (crashAt) => expectIncrementalKillRecovers(matrix, crashAt),
    CASE_TIMEOUT_MS,
  );
});
