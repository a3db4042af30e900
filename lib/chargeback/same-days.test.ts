import { describe, expect, it } from "vitest";
import { COST_KINDS, type CostKind, type DayCost } from "../costs/types";
import { allocateRegistryMonth } from "./allocate";
import { parseChargebackConfig, UNALLOCATED } from "./config";
import { linesUntil } from "./same-days";
import { scaleLines } from "./scale";

const config = parseChargebackConfig({
  teams: [{ name: "alpha" }, { name: "beta" }, { name: "gamma" }],
  rules: [
    { registry: "*", repository: "a/**", team: "alpha" },
    { registry: "*", repository: "b/**", team: "beta" },
    { registry: "*", repository: "g/**", team: "gamma" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
});

const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);

function day(d: string, i: number): DayCost {
  // Amounts a third of which is never whole, so every team's day carries a remainder.
  const costs: Record<CostKind, bigint> = {
    unit: 666_600n + BigInt(i % 2),
    storage: 1_000_001n + BigInt(i * 7),
    replication_unit: 0n,
    replication_storage: 333_334n,
    tasks: i % 3 === 0 ? 10n : 0n,
  };
  return { day: d, storedBytes: 1000n, carriedForward: false, costs };
}

const daily = DAYS.map(day);
const allocation = allocateRegistryMonth({
  registry: { name: "reg", tags: {} },
  config,
  daily,
  repositoryDaily: DAYS.flatMap((d, i) => [
    { repository: "a/app", day: d, attributedBytes: 1n + BigInt(i) },
    { repository: "b/app", day: d, attributedBytes: 2n },
    { repository: "g/app", day: d, attributedBytes: 3n },
  ]),
  runs: [],
});

const total = (lines: readonly { micros: bigint }[]) => lines.reduce((s, l) => s + l.micros, 0n);

describe("linesUntil", () => {
  it("keeps the month's lines exactly when `until` is its last day (the kept days sum to each line)", () => {
    expect(linesUntil(allocation.lines, allocation, "2026-11-30")).toEqual(allocation.lines);
    for (const line of allocation.lines) {
      const days = allocation.dailyByKind.get(line.team)!.get(line.kind)!;
      expect(total(days), `${line.team} ${line.kind}`).toBe(line.micros);
    }
  });

  it("gives each line its days to `until`: growing day by day, within a micro of its exact share", () => {
    let previous = 0n;
    for (const until of DAYS) {
      const lines = linesUntil(allocation.lines, allocation, until);
      const sum = total(lines);
      expect(sum).toBeGreaterThanOrEqual(previous);
      previous = sum;
      for (const kind of COST_KINDS) {
        const exact = daily.filter((d) => d.day <= until).reduce((s, d) => s + d.costs[kind], 0n);
        const teams = lines.filter((l) => l.kind === kind);
        const diff = total(teams) - exact;
        // Each team's running total is rounded on its own: at most half a micro each, either way.
        expect(diff < 0n ? -diff : diff, `${kind} to ${until}`).toBeLessThanOrEqual(BigInt(teams.length));
      }
    }
    expect(total(linesUntil(allocation.lines, allocation, "2026-11-05"))).toBeLessThan(total(allocation.lines));
  });

  const registryUntil = (until: string) =>
    Object.fromEntries(
      COST_KINDS.map((kind) => [kind, daily.filter((d) => d.day <= until).reduce((s, d) => s + d.costs[kind], 0n)]),
    ) as Record<CostKind, bigint>;

  it("splits each kind to sum exactly to the registry's figure to the day, each line within a micro of its own days", () => {
    let rounded = 0;
    for (const until of DAYS) {
      const own = linesUntil(allocation.lines, allocation, until);
      const lines = linesUntil(allocation.lines, allocation, until, registryUntil(until));
      for (const kind of COST_KINDS)
        expect(total(lines.filter((l) => l.kind === kind)), `${kind} to ${until}`).toBe(registryUntil(until)[kind]);
      for (const line of lines) {
        const mine = own.find((l) => l.team === line.team && l.kind === line.kind)?.micros ?? 0n;
        const diff = line.micros - mine;
        expect(diff < 0n ? -diff : diff, `${line.team} ${line.kind} to ${until}`).toBeLessThanOrEqual(1n);
      }
      if (total(own) !== total(lines)) rounded += 1;
    }
    // The days chosen leave the teams' own running totals off the registry's on some day.
    expect(rounded).toBeGreaterThan(0);
    expect(linesUntil(allocation.lines, allocation, "2026-11-30", registryUntil("2026-11-30"))).toEqual(
      allocation.lines,
    );
  });

  it("reads the same on every call and leaves out lines with nothing yet", () => {
    const first = linesUntil(allocation.lines, allocation, "2026-11-02");
    expect(linesUntil(allocation.lines, allocation, "2026-11-02")).toEqual(first);
    expect(first.some((l) => l.kind === "tasks")).toBe(true);
    expect(linesUntil(allocation.lines, allocation, "2026-10-31")).toEqual([]);
  });

  it("scales a billed line's days by its ratio to the estimate", () => {
    const scaled = scaleLines(allocation.lines, total(allocation.lines) * 2n);
    const lines = linesUntil(scaled, allocation, "2026-11-10");
    const estimate = linesUntil(allocation.lines, allocation, "2026-11-10");
    for (const line of lines) {
      const own = estimate.find((l) => l.team === line.team && l.kind === line.kind)!;
      const diff = line.micros - own.micros * 2n;
      expect(diff < 0n ? -diff : diff, `${line.team} ${line.kind}`).toBeLessThanOrEqual(1n);
    }
  });

  it("scales the registry's figure of a kind by the bill's ratio before splitting it", () => {
    const billed = total(allocation.lines) * 2n;
    const scaled = scaleLines(allocation.lines, billed);
    const lines = linesUntil(scaled, allocation, "2026-11-10", registryUntil("2026-11-10"));
    for (const kind of COST_KINDS) {
      const servedKind = total(scaled.filter((l) => l.kind === kind));
      const estimatedKind = total(allocation.lines.filter((l) => l.kind === kind));
      if (estimatedKind === 0n) continue;
      const expected = (registryUntil("2026-11-10")[kind] * servedKind * 2n + estimatedKind) / (estimatedKind * 2n);
      expect(total(lines.filter((l) => l.kind === kind)), kind).toBe(expected);
    }
  });

  it("counts a bill with nothing estimated by the calendar's share of the month", () => {
    const billed = [{ team: UNALLOCATED, kind: "unit" as const, method: "billed", micros: 30_000_000n }];
    const empty = { lines: [], dailyByKind: new Map() };
    expect(linesUntil(billed, empty, "2026-11-05")).toEqual([{ ...billed[0], micros: 5_000_000n }]);
    expect(linesUntil(billed, empty, "2026-11-30")).toEqual(billed);
  });
});
