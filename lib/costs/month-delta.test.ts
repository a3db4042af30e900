import { describe, expect, it } from "vitest";
import { monthDelta, rankMovers } from "./month-delta";

type Entry = { name: string; change: bigint };
const rank = (entries: Entry[], limit = 10) =>
  rankMovers(
    entries,
    limit,
    (e) => e.change,
    (e) => e.name,
  ).map((e) => e.name);

describe("monthDelta", () => {
  it("gives the current, the previous and their difference as micro-unit strings", () => {
    expect(monthDelta(12_500_000n, 10_000_000n)).toEqual({
      currentMicros: "12500000",
      previousMicros: "10000000",
      deltaMicros: "2500000",
    });
    expect(monthDelta(0n, 3n)).toEqual({ currentMicros: "0", previousMicros: "3", deltaMicros: "-3" });
  });

  it("stays exact past the range of a float", () => {
    expect(monthDelta(2n ** 64n + 1n, 2n ** 64n).deltaMicros).toBe("1");
  });
});

describe("rankMovers", () => {
  it("puts the largest change first, a fall counting as much as a rise", () => {
    expect(
      rank([
        { name: "a", change: 5n },
        { name: "b", change: -9n },
        { name: "c", change: 7n },
      ]),
    ).toEqual(["b", "c", "a"]);
  });

  it("leaves out what did not change and keeps at most the limit", () => {
    expect(
      rank(
        [
          { name: "a", change: 0n },
          { name: "b", change: 1n },
          { name: "c", change: 2n },
          { name: "d", change: 3n },
        ],
        2,
      ),
    ).toEqual(["d", "c"]);
  });

  it("breaks equal changes by name in code-point order, not locale order", () => {
    // Locale order would put "alpha" before "Zeta" and "é" after "e" but before "f".
    const entries = [
      { name: "alpha", change: 4n },
      { name: "f", change: -4n },
      { name: "Zeta", change: -4n },
      { name: "é", change: 4n },
      { name: "e", change: 4n },
    ];
    expect(rank(entries)).toEqual(["Zeta", "alpha", "e", "f", "é"]);
  });

  it("does not reorder its input", () => {
    const entries = [
      { name: "a", change: 1n },
      { name: "b", change: 2n },
    ];
    rank(entries);
    expect(entries.map((e) => e.name)).toEqual(["a", "b"]);
  });
});
