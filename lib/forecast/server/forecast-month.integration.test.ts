/**
 * The forecast of a running month from the kept chargeback month: the cost to date is the month's
 * allocation to the micro, each kind goes on its own way, and a month that is over forecasts its
 * actual. Also as the `forecast` CSV.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { getChargebackMonth } from "../../chargeback/server/get-chargeback-month";
import { parseMoney } from "../../costs/money";
import { getReport } from "../../reports/catalog";
import { TEST_ACTOR } from "../../testing/actors";
import { useTestDatabase } from "../../testing/database";
import { createRegistry, createRegistrySnapshot, createRepositorySnapshot } from "../../testing/factories";
import { forecastMonth, teamTotals } from "./forecast-month";

const db = useTestDatabase();
const GIB = 1n << 30n;

/** One Standard registry from Oct 20: payments' bytes grow 10 GiB a day, search's stay at 100 GiB. */
async function estate() {
  await saveChargebackConfig(
    JSON.stringify({
      teams: [{ name: "payments", budget: { monthly: "250.00" } }, { name: "search" }],
      rules: [
        { registry: "*", repository: "pay/**", team: "payments" },
        { registry: "*", repository: "search/**", team: "search" },
      ],
    }),
    TEST_ACTOR,
  );
  const registry = await createRegistry(db.db, { name: "contosoprod" });
  for (let i = 0; i < 22; i++) {
    const day = addDays("2026-10-20", i); // … 2026-11-10
    const payments = 100n * GIB + 10n * GIB * BigInt(i);
    await createRegistrySnapshot(db.db, registry.id, { day, storedBytes: payments + 100n * GIB });
    await createRepositorySnapshot(db.db, registry.id, { repositoryName: "pay/api", day, attributedBytes: payments });
    await createRepositorySnapshot(db.db, registry.id, {
      repositoryName: "search/index",
      day,
      attributedBytes: 100n * GIB,
    });
  }
}

describe("forecastMonth", () => {
  it("forecasts a running month kind by kind from its allocated days, and a past month as its actual", async () => {
    await estate();
    const running = await forecastMonth("2026-11", "2026-11-10");
    expect(running.asOf).toBe("2026-11-10");
    const review = await getChargebackMonth("2026-11", { today: "2026-11-10", access: { kind: "all" } });
    const totals = teamTotals(running);
    for (const team of review.teams)
      expect(totals.get(team.team)?.actualToDate.toString(), team.team).toBe(team.micros);

    const line = (team: string, kind: string) => running.lines.find((l) => l.team === team && l.kind === kind)!;
    // The registry's daily fee, split by bytes, goes on at the last day's share for 20 more days.
    const unit = line("search", "unit");
    expect(unit.forecast).toBeGreaterThan(unit.actualToDate * 2n);
    // payments' bytes grow 10 GiB a day and search's stay: payments' storage is forecast to go on
    // growing (beyond 3 times its first 10 days), and by a larger factor than search's.
    const ratio = (l: { forecast: bigint; actualToDate: bigint }) => Number(l.forecast) / Number(l.actualToDate);
    expect(ratio(line("payments", "storage"))).toBeGreaterThan(3);
    expect(ratio(line("payments", "storage"))).toBeGreaterThan(ratio(line("search", "storage")));

    const past = await forecastMonth("2026-10", "2026-11-10");
    expect(past.asOf).toBe("2026-10-31");
    expect(past.lines.length).toBeGreaterThan(0);
    for (const l of past.lines) expect(l.forecast).toBe(l.actualToDate);
  });

  it("is the forecast CSV, its columns as documented", async () => {
    await estate();
    const output = await getReport("forecast").render({ month: "2026-11", asOf: "2026-11-10" }, { kind: "all" });
    let text = "";
    for await (const chunk of output.chunks) text += chunk;
    const [header, ...rows] = text.trim().split("\n");
    expect(header).toBe("month,as_of,team,registry,cost_kind,actual_to_date,forecast,currency");
    expect(rows.length).toBeGreaterThan(0);
    const forecast = await forecastMonth("2026-11", "2026-11-10");
    expect(rows).toHaveLength(forecast.lines.length);
    for (const row of rows) {
      const [month, asOf, , registry, , actual, whole, currency] = row.split(",");
      expect([month, asOf, registry, currency]).toEqual(["2026-11", "2026-11-10", "contosoprod", "USD"]);
      expect(parseMoney(whole) >= parseMoney(actual)).toBe(true);
    }
  });
});
