import { describe, expect, it } from "vitest";
import { parseMoney } from "@/lib/costs/money";
import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { TEST_MONTH, TEST_TODAY, seedCostEstate } from "@/lib/testing/test-estate";
import { useTestDatabase } from "@/lib/testing/database";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";

const testDb = useTestDatabase();

const COSTS_HEADER =
  "month,days,subscription_id,registry,sku,cost_kind,quantity,unit,unit_price,cost,currency,pricing_source";
const SOURCE =
  '"Azure Container Registry public list prices (azure.microsoft.com/pricing/details/container-registry), USD, pay-as-you-go, read 2026-11-28; discount 0%"';

/** Quantities have up to 9 decimals; quantity × unit_price rounds to cost within half a micro-unit. */
function productMicros(quantity: string, unitPrice: string): number {
  return Number(quantity) * Number(parseMoney(unitPrice));
}

describe("costs report", () => {
  it("prints one row per registry × cost kind with exact money", async () => {
    await seedCostEstate(testDb.db);
    const { status, body } = await viaRoute(`/api/reports/costs.csv?month=${TEST_MONTH}&asOf=${TEST_TODAY}`);
    expect(status).toBe(200);
    const lines = body.trimEnd().split("\n");
    expect(lines[0]).toBe(COSTS_HEADER);
    expect(lines.slice(6, 11)).toEqual([
      `2026-02,8,00000000-0000-0000-0000-000000000001,beta,Premium,unit,8,day,1.666600,13.332800,USD,${SOURCE}`,
      `2026-02,8,00000000-0000-0000-0000-000000000001,beta,Premium,storage,28.571428571,GiB-month,0.100000,2.857143,USD,${SOURCE}`,
      `2026-02,8,00000000-0000-0000-0000-000000000001,beta,Premium,replication_unit,16,day,1.666600,26.665600,USD,${SOURCE}`,
      `2026-02,8,00000000-0000-0000-0000-000000000001,beta,Premium,replication_storage,57.142857143,GiB-month,0.100000,5.714286,USD,${SOURCE}`,
      `2026-02,8,00000000-0000-0000-0000-000000000001,beta,Premium,tasks,2500,vCPU-second,0.000100,0.250000,USD,${SOURCE}`,
    ]);
    expect(lines).toHaveLength(1 + 3 * 5);
    const rows = lines.slice(1).map((line) => line.split(","));
    expect(rows.map((r) => `${r[3]}:${r[5]}`)).toEqual(
      ["alpha", "beta", "gone"].flatMap((name) =>
        ["unit", "storage", "replication_unit", "replication_storage", "tasks"].map((k) => `${name}:${k}`),
      ),
    );
    let sum = 0n;
    for (const r of rows) {
      const [quantity, unitPrice, cost] = [r[6], r[8], r[9]];
      expect(Math.abs(productMicros(quantity, unitPrice) - Number(parseMoney(cost)))).toBeLessThanOrEqual(0.5);
      sum += parseMoney(cost);
    }
    const page = await getCostMonth({ month: TEST_MONTH, today: TEST_TODAY });
    expect(sum.toString()).toBe(page.totalMicros);
  });

  it("prints the same bytes from the route and the CLI, and rejects a bad month", async () => {
    await seedCostEstate(testDb.db);
    const route = await viaRoute(`/api/reports/costs.csv?month=${TEST_MONTH}&asOf=${TEST_TODAY}`);
    const cli = await viaCli(["costs", "--month", TEST_MONTH, "--as-of", TEST_TODAY]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(route.body);
    const bad = await viaRoute("/api/reports/costs.csv?month=2026-2");
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).message).toContain('"month"');
    expect((await viaCli(["costs", "--month", "Feb"])).code).toBe(2);
  });

  it("appends the month-to-date storage cost to the repositories report", async () => {
    await seedCostEstate(testDb.db);
    const route = await viaRoute(`/api/reports/repositories.csv?asOf=2026-02-28`);
    const cli = await viaCli(["repositories", "--as-of", "2026-02-28"]);
    expect(cli.stdout).toBe(route.body);
    const lines = route.body.trimEnd().split("\n");
    expect(lines[0].endsWith(",last_updated_at,monthly_storage_cost")).toBe(true);
    const costs = Object.fromEntries(
      lines.slice(1).map((line) => [line.split(",").slice(0, 2).join("/"), line.split(",").at(-1)]),
    );
    // alpha's storage (1.500000) split evenly; beta's only repository carries storage + replica storage.
    expect(costs).toEqual({ "alpha/a": "0.750000", "alpha/b": "0.750000", "beta/only": "8.571429" });
  });
});
