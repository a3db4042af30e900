import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar";
import { ANOMALY_MIN_HISTORY, detectJumps, GIB, teamFloor } from "./detect";

/** A series from its values, one day apart from 2026-10-01. */
const series = (values: readonly bigint[]) => values.map((value, i) => ({ day: addDays("2026-10-01", i), value }));

/** Steady growth of about `step` a day with a little noise, then `jump` on the last day. */
function growing(days: number, step: bigint, noise: readonly bigint[], jump?: bigint): bigint[] {
  const values: bigint[] = [10n * GIB];
  for (let i = 1; i < days; i++) values.push(values[i - 1] + step + noise[i % noise.length]);
  if (jump !== undefined) values.push(values[values.length - 1] + jump);
  return values;
}

describe("detectJumps", () => {
  const noise = [0n, GIB / 8n, -GIB / 8n, GIB / 16n];

  it("flags a rise far beyond the usual daily growth and says by how much", () => {
    const values = growing(31, GIB / 2n, noise, 40n * GIB);
    const jumps = detectJumps(series(values), GIB);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({ day: "2026-11-01", rise: 40n * GIB });
    expect(jumps[0].threshold).toBeGreaterThanOrEqual(Number(GIB));
    // The usual rise is the half GiB a day of growth, give or take its noise.
    expect(Math.abs(jumps[0].median - Number(GIB / 2n))).toBeLessThanOrEqual(Number(GIB / 8n));
  });

  it("leaves usual growth, drops and rises under the floor alone", () => {
    expect(detectJumps(series(growing(40, GIB / 2n, noise)), GIB)).toEqual([]);
    expect(detectJumps(series(growing(31, GIB / 2n, noise, -30n * GIB)), GIB)).toEqual([]);
    // Flat history (no deviation at all): a rise of half a GiB is still under the 1 GiB floor.
    expect(detectJumps(series([...Array(20).fill(GIB), GIB + GIB / 2n]), GIB)).toEqual([]);
    expect(detectJumps(series([...Array(20).fill(GIB), 3n * GIB]), GIB)).toHaveLength(1);
  });

  it("says nothing until a week of history is known", () => {
    const short = series([0n, ...Array(ANOMALY_MIN_HISTORY - 1).fill(0n), 100n * GIB]);
    expect(short).toHaveLength(ANOMALY_MIN_HISTORY + 1);
    expect(detectJumps(short, GIB)).toEqual([]);
    expect(detectJumps(series([0n, ...short.map((d) => d.value)]), GIB)).toHaveLength(1);
  });

  it("is not blinded by an earlier jump in its window", () => {
    const values = growing(20, GIB / 4n, noise, 20n * GIB);
    const twice = [...values, ...growing(5, GIB / 4n, noise).map((v) => v + values[values.length - 1] - 10n * GIB)];
    twice.push(twice[twice.length - 1] + 20n * GIB);
    expect(detectJumps(series(twice), GIB).map((j) => j.rise)).toEqual([20n * GIB, 20n * GIB]);
  });

  it("never flags a rise at or under the floor, whatever the history", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1n << 40n }), { minLength: 2, maxLength: 60 }), (values) => {
        for (const jump of detectJumps(series(values), GIB)) {
          expect(jump.rise > GIB).toBe(true);
          expect(Number(jump.rise) > jump.threshold).toBe(true);
        }
      }),
    );
  });
});

describe("teamFloor", () => {
  it("is 1 % of the team's month, rounded up", () => {
    expect(teamFloor(250_000_000n)).toBe(2_500_000n);
    expect(teamFloor(101n)).toBe(2n);
    expect(teamFloor(0n)).toBe(0n);
  });
});
