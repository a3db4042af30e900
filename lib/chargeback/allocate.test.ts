import { describe, expect, it } from "vitest";
import { COST_KINDS, type CostKind, type DayCost } from "../costs/types";
import { allocateRegistryMonth, type AllocationInput } from "./allocate";
import { parseChargebackConfig, UNALLOCATED } from "./config";
import { largestRemainder } from "./remainder";
import { scaleLines } from "./scale";
import { billableUsageByRun } from "./task-usage-by-run";
import { fraction } from "../costs/rational";

const TEAMS = [
  { name: "alpha", costCenter: "CC-1" },
  { name: "beta", costCenter: "CC-2" },
  { name: "gamma", costCenter: "CC-3" },
];
const RULES = [
  { registry: "*", repository: "a/**", team: "alpha" },
  { registry: "*", repository: "b/**", team: "beta" },
  { registry: "*", repository: "g/**", team: "gamma" },
];
const config = (fixedFee = "proportional", extra: object = {}) =>
  parseChargebackConfig({ teams: TEAMS, rules: RULES, fixedFees: { default: fixedFee, byRegistry: {} }, ...extra });

function day(d: string, costs: Partial<Record<CostKind, bigint>>, carriedForward = false): DayCost {
  return {
    day: d,
    storedBytes: 1000n,
    carriedForward,
    costs: { unit: 0n, storage: 0n, replication_unit: 0n, replication_storage: 0n, tasks: 0n, ...costs },
  };
}

const registry = { name: "reg", tags: {} };

function input(partial: Partial<AllocationInput>): AllocationInput {
  return { registry, config: config(), daily: [], repositoryDaily: [], runs: [], ...partial };
}

const byTeamKind = (lines: { team: string; kind: string; micros: bigint }[]) =>
  Object.fromEntries(lines.map((l) => [`${l.team}/${l.kind}`, l.micros]));

function expectExact(alloc: ReturnType<typeof allocateRegistryMonth>, daily: DayCost[]) {
  for (const kind of COST_KINDS) {
    const total = daily.reduce((s, d) => s + d.costs[kind], 0n);
    expect(alloc.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.micros, 0n)).toBe(total);
  }
}

describe("largestRemainder", () => {
  it("gives the left-over micros to the largest remainders, ties in the given order", () => {
    const third = fraction(100n, 3n);
    expect(
      largestRemainder(100n, [
        { key: "x", share: third },
        { key: "y", share: third },
        { key: "z", share: third },
      ]).map((p) => p.micros),
    ).toEqual([34n, 33n, 33n]);
    expect(
      largestRemainder(10n, [
        { key: "x", share: fraction(31n, 10n) },
        { key: "y", share: fraction(69n, 10n) },
      ]).map((p) => p.micros),
    ).toEqual([3n, 7n]);
    expect(largestRemainder(0n, [])).toEqual([]);
    expect(() => largestRemainder(5n, [])).toThrow();
  });
});

describe("allocateRegistryMonth", () => {
  const repos = (d: string, a: bigint, b: bigint, g: bigint, u = 0n) => [
    { repository: "a/app", day: d, attributedBytes: a },
    { repository: "b/app", day: d, attributedBytes: b },
    { repository: "g/app", day: d, attributedBytes: g },
    ...(u > 0n ? [{ repository: "misc", day: d, attributedBytes: u }] : []),
  ];

  it("splits storage by attributed bytes with the largest remainder, ties by team name", () => {
    const daily = [day("2026-02-01", { storage: 100n, replication_storage: 200n })];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily: repos("2026-02-01", 1n, 1n, 1n) }));
    expect(byTeamKind(alloc.lines)).toEqual({
      "alpha/storage": 34n,
      "beta/storage": 33n,
      "gamma/storage": 33n,
      "alpha/replication_storage": 67n,
      "beta/replication_storage": 67n,
      "gamma/replication_storage": 66n,
    });
    expect(alloc.lines.every((l) => l.method === "attributed-bytes")).toBe(true);
    expectExact(alloc, daily);
  });

  it("rounds once over the month, not per day", () => {
    // Each day alone would give 1/3 micro to each team; over 3 days each gets exactly 1.
    const daily = ["2026-02-01", "2026-02-02", "2026-02-03"].map((d, i) => day(d, { storage: 1n }, i > 0));
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily: repos("2026-02-01", 5n, 5n, 5n) }));
    expect(byTeamKind(alloc.lines)).toEqual({ "alpha/storage": 1n, "beta/storage": 1n, "gamma/storage": 1n });
  });

  it("splits fixed fees proportionally, unowned bytes going to unallocated", () => {
    const daily = [day("2026-02-01", { unit: 1_000_000n, replication_unit: 7n })];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily: repos("2026-02-01", 2n, 1n, 0n, 1n) }));
    expect(byTeamKind(alloc.lines)).toEqual({
      "alpha/unit": 500_000n,
      "beta/unit": 250_000n,
      [`${UNALLOCATED}/unit`]: 250_000n,
      // 7 × 2/4, 1/4, 1/4 = 3.5, 1.75, 1.75: wholes 3, 1, 1; the 2 micros left go to the .75s.
      "alpha/replication_unit": 3n,
      "beta/replication_unit": 2n,
      [`${UNALLOCATED}/replication_unit`]: 2n,
    });
    expect(alloc.lines.find((l) => l.kind === "unit")?.method).toBe("proportional");
    expectExact(alloc, daily);
  });

  it("splits fixed fees evenly among owning teams (not unallocated, zero bytes count), else unallocated", () => {
    const daily = [day("2026-02-01", { unit: 100n }), day("2026-02-02", { unit: 100n })];
    const repositoryDaily = [
      ...repos("2026-02-01", 10n, 0n, 90n, 500n),
      { repository: "misc", day: "2026-02-02", attributedBytes: 5n },
    ];
    const alloc = allocateRegistryMonth(input({ config: config("even"), daily, repositoryDaily }));
    // Day 1: alpha, beta (0 bytes), gamma: 33.3 each; day 2: only misc (unallocated) → 100 unallocated.
    expect(byTeamKind(alloc.lines)).toEqual({
      "alpha/unit": 34n,
      "beta/unit": 33n,
      "gamma/unit": 33n,
      [`${UNALLOCATED}/unit`]: 100n,
    });
    expect(alloc.lines.every((l) => l.method === "even")).toBe(true);
    expectExact(alloc, daily);
  });

  it("gives fixed fees to one team with owner:<team>, even a team without repositories there", () => {
    const daily = [day("2026-02-01", { unit: 99n, replication_unit: 5n, storage: 10n })];
    const alloc = allocateRegistryMonth(
      input({ config: config("owner:gamma"), daily, repositoryDaily: repos("2026-02-01", 1n, 1n, 0n) }),
    );
    expect(byTeamKind(alloc.lines)).toEqual({
      "gamma/unit": 99n,
      "gamma/replication_unit": 5n,
      "alpha/storage": 5n,
      "beta/storage": 5n,
    });
    expect(alloc.lines.find((l) => l.kind === "unit")?.method).toBe("owner");
  });

  it("uses the registry's own method from byRegistry", () => {
    const cfg = config("proportional", { fixedFees: { default: "proportional", byRegistry: { REG: "owner:beta" } } });
    const alloc = allocateRegistryMonth(
      input({
        config: cfg,
        daily: [day("2026-02-01", { unit: 10n })],
        repositoryDaily: repos("2026-02-01", 1n, 0n, 0n),
      }),
    );
    expect(byTeamKind(alloc.lines)).toEqual({ "beta/unit": 10n });
  });

  it("gives a day with cost but no bytes to unallocated (storage and proportional fees)", () => {
    const daily = [day("2026-02-01", { unit: 50n, storage: 7n })];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily: [] }));
    expect(byTeamKind(alloc.lines)).toEqual({ [`${UNALLOCATED}/unit`]: 50n, [`${UNALLOCATED}/storage`]: 7n });
    expect(alloc.repositories).toEqual([
      { team: UNALLOCATED, repository: null, storageMicros: 7n, attributedBytes: 0n },
    ]);
  });

  it("leaves everything unallocated with no teams", () => {
    const daily = [day("2026-02-01", { unit: 50n, storage: 7n, tasks: 3n })];
    const alloc = allocateRegistryMonth(
      input({ config: parseChargebackConfig({}), daily, repositoryDaily: repos("2026-02-01", 3n, 2n, 1n) }),
    );
    expect(new Set(alloc.lines.map((l) => l.team))).toEqual(new Set([UNALLOCATED]));
    expectExact(alloc, daily);
  });

  it("gives tasks to the output image's owner, the rest like fixed fees", () => {
    const daily = [day("2026-02-01", { tasks: 1000n }), day("2026-02-02", { tasks: 10n })];
    const runs = [
      { day: "2026-02-01", usage: 600n, outputRepository: "b/app" },
      { day: "2026-02-01", usage: 300n, outputRepository: "misc" },
      { day: "2026-02-01", usage: 100n, outputRepository: null },
    ];
    const alloc = allocateRegistryMonth(
      input({ config: config("owner:alpha"), daily, repositoryDaily: repos("2026-02-01", 1n, 1n, 1n), runs }),
    );
    // Day 1: beta 600, unallocated 300, no output 100 → owner alpha; day 2: no usage known → alpha.
    expect(byTeamKind(alloc.lines)).toEqual({
      "alpha/tasks": 110n,
      "beta/tasks": 600n,
      [`${UNALLOCATED}/tasks`]: 300n,
    });
    expect(Object.fromEntries(alloc.lines.map((l) => [l.team, l.method]))).toEqual({
      alpha: "owner",
      beta: "task-output",
      [UNALLOCATED]: "task-output",
    });
  });

  it("gives each team's days per kind, summing to its line and, over the kinds, to its total", () => {
    const daily = [
      day("2026-02-01", { storage: 10n, unit: 7n, tasks: 1000n }),
      day("2026-02-02", { storage: 11n, unit: 7n, tasks: 10n }, true),
    ];
    const runs = [{ day: "2026-02-01", usage: 600n, outputRepository: "b/app" }];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily: repos("2026-02-01", 1n, 1n, 1n), runs }));
    for (const line of alloc.lines) {
      const days = alloc.dailyByKind.get(line.team)?.get(line.kind) ?? [];
      expect(
        days.reduce((sum, d) => sum + d.micros, 0n),
        `${line.team}/${line.kind}`,
      ).toBe(line.micros);
    }
    expect(alloc.dailyByKind.get("beta")?.get("tasks")).toEqual([
      { day: "2026-02-01", micros: 1000n },
      { day: "2026-02-02", micros: 3n },
    ]);
    for (const [team, days] of alloc.daily) {
      const byKind = [...(alloc.dailyByKind.get(team)?.values() ?? [])].flat();
      expect(byKind.reduce((sum, d) => sum + d.micros, 0n)).toBe(days.reduce((sum, d) => sum + d.micros, 0n));
    }
  });

  it("names both methods on a line that mixes them", () => {
    const runs = [
      { day: "2026-02-01", usage: 1n, outputRepository: "a/app" },
      { day: "2026-02-01", usage: 1n, outputRepository: null },
    ];
    const alloc = allocateRegistryMonth(
      input({ daily: [day("2026-02-01", { tasks: 11n })], repositoryDaily: repos("2026-02-01", 1n, 0n, 0n), runs }),
    );
    expect(alloc.lines).toEqual([{ team: "alpha", kind: "tasks", method: "proportional+task-output", micros: 11n }]);
  });

  it("carries repositories forward from before the month and drops those missing on a fresh day", () => {
    const daily = [day("2026-02-01", { storage: 10n }, true), day("2026-02-02", { storage: 10n })];
    const repositoryDaily = [
      ...repos("2026-01-20", 1n, 1n, 0n),
      { repository: "g/app", day: "2026-02-02", attributedBytes: 1n },
    ];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily }));
    expect(byTeamKind(alloc.lines)).toEqual({ "alpha/storage": 5n, "beta/storage": 5n, "gamma/storage": 10n });
    expect(alloc.teamBytes).toEqual(new Map([["gamma", 1n]]));
  });

  it("splits a team's storage among its repositories and its days exactly", () => {
    const daily = ["2026-02-01", "2026-02-02", "2026-02-03"].map((d, i) =>
      day(d, { storage: 7n + BigInt(i), unit: 5n, replication_storage: 3n }),
    );
    const repositoryDaily = [
      ...repos("2026-02-01", 3n, 5n, 7n, 11n),
      { repository: "a/other", day: "2026-02-01", attributedBytes: 2n },
    ];
    const alloc = allocateRegistryMonth(input({ daily, repositoryDaily }));
    expectExact(alloc, daily);
    for (const team of new Set(alloc.lines.map((l) => l.team))) {
      const lines = alloc.lines.filter((l) => l.team === team);
      const storage = lines
        .filter((l) => l.kind === "storage" || l.kind === "replication_storage")
        .reduce((s, l) => s + l.micros, 0n);
      expect(alloc.repositories.filter((r) => r.team === team).reduce((s, r) => s + r.storageMicros, 0n)).toBe(storage);
      expect(alloc.daily.get(team)!.reduce((s, d) => s + d.micros, 0n)).toBe(lines.reduce((s, l) => s + l.micros, 0n));
    }
    expect(alloc.repositories.filter((r) => r.team === "alpha").map((r) => r.repository)).toEqual(["a/app", "a/other"]);
  });

  it("sums exactly for random months, every method", () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const method of ["proportional", "even", "owner:beta"]) {
      for (let trial = 0; trial < 30; trial++) {
        const days = Array.from({ length: 1 + random(28) }, (_, i) => `2026-02-${String(i + 1).padStart(2, "0")}`);
        const daily = days.map((d) =>
          day(d, Object.fromEntries(COST_KINDS.map((k) => [k, BigInt(random(3) === 0 ? 0 : random(1_000_003))]))),
        );
        const names = ["a/x", "a/y", "b/x", "g/x", "z", "q/r"];
        const repositoryDaily = days.flatMap((d) =>
          names
            .filter(() => random(3) > 0)
            .map((n) => ({ repository: n, day: d, attributedBytes: BigInt(random(5) === 0 ? 0 : random(10 ** 9)) })),
        );
        const runs = days.flatMap((d) =>
          names
            .filter(() => random(2) === 0)
            .map((n) => ({ day: d, usage: BigInt(random(1000)), outputRepository: random(3) === 0 ? null : n })),
        );
        const alloc = allocateRegistryMonth(input({ config: config(method), daily, repositoryDaily, runs }));
        expectExact(alloc, daily);
        const billed = BigInt(random(10 ** 8));
        expect(scaleLines(alloc.lines, billed).reduce((s, l) => s + l.micros, 0n)).toBe(
          alloc.lines.length ? billed : 0n,
        );
      }
    }
  });
});

describe("scaleLines", () => {
  const lines = [
    { team: "alpha", kind: "unit" as const, method: "proportional", micros: 1n },
    { team: "beta", kind: "unit" as const, method: "proportional", micros: 1n },
    { team: "beta", kind: "storage" as const, method: "attributed-bytes", micros: 1n },
  ];
  it("scales to the billed amount with the remainder rule", () => {
    expect(scaleLines(lines, 100n).map((l) => l.micros)).toEqual([34n, 33n, 33n]);
    expect(scaleLines(lines, 3n).map((l) => l.micros)).toEqual([1n, 1n, 1n]);
    expect(scaleLines(lines, -3n).map((l) => l.micros)).toEqual([-1n, -1n, -1n]);
  });
  it("puts a bill with no estimate on an unallocated line", () => {
    expect(scaleLines([], 5n)).toEqual([{ team: UNALLOCATED, kind: "unit", method: "billed", micros: 5n }]);
    expect(scaleLines([], 0n)).toEqual([]);
  });
});

describe("billableUsageByRun", () => {
  it("consumes the free grant in finish order, like the cost model", () => {
    const run = (start: string, end: string, repo: string | null) => ({
      startedAt: new Date(start),
      finishedAt: new Date(end),
      cpu: 1,
      outputRepository: repo,
    });
    const usage = billableUsageByRun({
      runs: [
        run("2026-02-02T00:00:00Z", "2026-02-02T00:00:10Z", "b"),
        run("2026-02-01T00:00:00Z", "2026-02-01T00:00:10Z", "a"),
        run("2026-03-01T00:00:00Z", "2026-03-01T00:00:10Z", "c"),
      ],
      month: "2026-02",
      today: "2026-03-10",
      freeVcpuSecondsPerMonth: 15,
      defaultTaskCpu: 2,
    });
    expect(usage).toEqual([
      { day: "2026-02-01", usage: 0n, outputRepository: "a" },
      { day: "2026-02-02", usage: 5_000_000n, outputRepository: "b" },
    ]);
  });
});
