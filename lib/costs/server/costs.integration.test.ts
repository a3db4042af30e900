import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/database";
import { formatMoney } from "@/lib/costs/money";
import { compareCostMonths } from "./compare-cost-months";
import { getCostMonth } from "./get-cost-month";
import { getRegistryDailyCosts } from "./get-registry-daily-costs";
import { TEST_MONTH, TEST_TODAY, seedCostEstate } from "@/lib/testing/test-estate";

const testDb = useTestDatabase();

const money = (micros: string) => formatMoney(BigInt(micros), 6);

describe("cost queries", () => {
  it("computes a month by registry and kind, summing to the total", async () => {
    await seedCostEstate(testDb.db);
    const summary = await getCostMonth({ month: TEST_MONTH, today: TEST_TODAY });
    expect(summary.registries.map((r) => [r.name, r.days, money(r.totalMicros)])).toEqual([
      ["alpha", 28, "20.164800"],
      ["beta", 8, "48.819829"],
      ["gone", 1, "0.166600"],
    ]);
    const beta = summary.registries[1];
    expect(beta.lines.map((l) => [l.kind, l.quantity, l.unit, money(l.unitPriceMicros), money(l.costMicros)])).toEqual([
      ["unit", "8", "day", "1.666600", "13.332800"],
      ["storage", "28.571428571", "GiB-month", "0.100000", "2.857143"],
      ["replication_unit", "16", "day", "1.666600", "26.665600"],
      ["replication_storage", "57.142857143", "GiB-month", "0.100000", "5.714286"],
      ["tasks", "2500", "vCPU-second", "0.000100", "0.250000"],
    ]);
    expect(money(summary.totalMicros)).toBe("69.151229");
    const byKind = summary.byKind.reduce((sum, k) => sum + BigInt(k.costMicros), 0n);
    expect(byKind.toString()).toBe(summary.totalMicros);
    expect(summary.registries[0]).toMatchObject({
      storedBytes: 120 * 2 ** 30,
      reportedUsageBytes: 121 * 2 ** 30,
      usageGapBytes: 2 ** 30,
    });
    expect(summary.pricing).toMatchObject({ currency: "USD", replicaStorage: "full-copy" });
  });

  it("compares with the previous month and ranks the movers", async () => {
    await seedCostEstate(testDb.db);
    const c = await compareCostMonths({ month: TEST_MONTH, today: TEST_TODAY });
    expect(c.previousMonth).toBe("2026-01");
    // January: alpha alone, 12 days: 7.999200 unit + 10 GiB × 12 / 31 GiB-month × 0.10 = 0.387097.
    expect(money(c.previousMicros)).toBe("8.386297");
    expect(c.movers.map((m) => [m.name, money(m.deltaMicros)])).toEqual([
      ["beta", "48.819829"],
      ["alpha", "11.778503"],
      ["gone", "0.166600"],
    ]);
  });

  it("gives one registry's days, carried forward where there is no snapshot", async () => {
    await seedCostEstate(testDb.db);
    const daily = await getRegistryDailyCosts({ name: "alpha", month: TEST_MONTH, today: TEST_TODAY });
    expect(daily?.daily).toHaveLength(28);
    expect(daily?.daily[0]).toMatchObject({ day: "2026-02-01", carriedForward: true });
    expect(daily?.daily[14]).toMatchObject({ day: "2026-02-15", carriedForward: false });
    const sum = daily?.daily.reduce((s, d) => s + BigInt(d.totalMicros), 0n);
    expect(sum?.toString()).toBe(daily?.totalMicros);
    expect(await getRegistryDailyCosts({ name: "nope", month: TEST_MONTH, today: TEST_TODAY })).toBeNull();
  });

  it("counts a running month up to today only", async () => {
    await seedCostEstate(testDb.db);
    const summary = await getCostMonth({ month: TEST_MONTH, today: "2026-02-16" });
    expect(summary.coveredUntil).toBe("2026-02-16");
    expect(summary.registries.find((r) => r.name === "alpha")?.days).toBe(16);
    // beta has no snapshot yet, only a task run within the free grant: listed, at zero.
    expect(summary.registries.find((r) => r.name === "beta")).toMatchObject({ days: 0, totalMicros: "0" });
  });

  it("rejects a malformed month", async () => {
    await expect(getCostMonth({ month: "2026-13" })).rejects.toThrow(/month/);
  });
});
