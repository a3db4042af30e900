import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanRun } from "./plan-codec";
import { itemWindow, runMatching, type RunMatch } from "./plan-window";

const run = (start: number, rows: number): PlanRun => ({
  repository: `r${start}`,
  start,
  rows,
  groups: [
    { action: "delete", reasonCode: "stale-tags", rows: rows - 1, tags: rows, sizeBytes: 1n },
    { action: "keep", reasonCode: "in-use", rows: 1, tags: 1, sizeBytes: 1n },
  ],
});

describe("plan window", () => {
  it("counts a run's items by action and reason", () => {
    expect(runMatching(run(0, 5), {})).toBe(5);
    expect(runMatching(run(0, 5), { action: "delete" })).toBe(4);
    expect(runMatching(run(0, 5), { action: "keep", reason: "in-use" })).toBe(1);
    expect(runMatching(run(0, 5), { action: "delete", reason: "in-use" })).toBe(0);
  });

  it("locates a page across runs: each from its skip-th matching item", () => {
    const matches = [3, 1, 4].map((matching, i) => ({ source: i, run: run(i * 10, 10), matching }));
    const at = (offset: number, size: number) =>
      itemWindow(matches, offset, size).map((s) => [s.source, s.skip, s.take]);
    expect(at(0, 2)).toEqual([[0, 0, 2]]);
    expect(at(2, 3)).toEqual([
      [0, 2, 1],
      [1, 0, 1],
      [2, 0, 1],
    ]);
    expect(at(5, 50)).toEqual([[2, 1, 3]]);
    expect(at(8, 50)).toEqual([]);
  });

  it("is the slice of the items the runs hold, for any runs, offset and size", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 8 }),
        fc.nat(40),
        fc.integer({ min: 1, max: 10 }),
        (counts, offset, size) => {
          const matches: RunMatch<number>[] = counts.map((matching, i) => ({ source: i, run: run(0, 9), matching }));
          const all = matches.flatMap((m) => Array.from({ length: m.matching }, (_, k) => [m.source, k]));
          const read = itemWindow(matches, offset, size).flatMap((s) =>
            Array.from({ length: s.take }, (_, k) => [s.source, s.skip + k]),
          );
          expect(read).toEqual(all.slice(offset, offset + size));
        },
      ),
    );
  });
});
