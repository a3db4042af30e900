/**
 * The review's forecast: only the running month has one; its breakdowns by team, registry and
 * kind each sum the month's forecast lines exactly; a team member reads its team's lines only,
 * each as an Admin reads it.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { FORECAST_METHOD } from "../forecast";
import { TEST_ACTOR } from "../../testing/actors";
import { useTestDatabase } from "../../testing/database";
import { createRegistry, createRegistrySnapshot, createRepositorySnapshot } from "../../testing/factories";
import { forecastMonth } from "./forecast-month";
import { getRunningForecast, type ForecastFiguresView } from "./get-running-forecast";

const db = useTestDatabase();
const GIB = 1n << 30n;
const ALL = { kind: "all" } as const;
const TODAY = "2026-11-10";

/** Two registries from Oct 20: payments' bytes grow in both, search's stay in one. */
async function estate() {
  await saveChargebackConfig(
    JSON.stringify({
      teams: [{ name: "payments" }, { name: "search" }],
      rules: [
        { registry: "*", repository: "pay/**", team: "payments" },
        { registry: "*", repository: "search/**", team: "search" },
      ],
    }),
    TEST_ACTOR,
  );
  for (const name of ["contosoprod", "contosodev"]) {
    const registry = await createRegistry(db.db, { name });
    for (let i = 0; i < 22; i++) {
      const day = addDays("2026-10-20", i); // … 2026-11-10
      const payments = 100n * GIB + 10n * GIB * BigInt(i);
      const search = name === "contosoprod" ? 100n * GIB : 0n;
      await createRegistrySnapshot(db.db, registry.id, { day, storedBytes: payments + search });
      await createRepositorySnapshot(db.db, registry.id, { repositoryName: "pay/api", day, attributedBytes: payments });
      if (search > 0n)
        await createRepositorySnapshot(db.db, registry.id, {
          repositoryName: "search/index",
          day,
          attributedBytes: search,
        });
    }
  }
}

const sum = (rows: ForecastFiguresView[]) =>
  rows.reduce(
    (total, r) => ({
      actualToDate: (BigInt(total.actualToDate) + BigInt(r.actualToDate)).toString(),
      forecast: (BigInt(total.forecast) + BigInt(r.forecast)).toString(),
    }),
    { actualToDate: "0", forecast: "0" },
  );

describe("getRunningForecast", () => {
  it("forecasts the running month only, each breakdown summing its lines exactly", async () => {
    await estate();
    expect(await getRunningForecast("2026-10", { access: ALL, today: TODAY })).toBeNull();
    expect(await getRunningForecast("2026-12", { access: ALL, today: TODAY })).toBeNull();

    const view = (await getRunningForecast("2026-11", { access: ALL, today: TODAY }))!;
    expect(view).toMatchObject({ month: "2026-11", asOf: TODAY, daysCovered: 10, daysInMonth: 30, currency: "USD" });
    expect(view.method).toBe(FORECAST_METHOD);
    const { lines } = await forecastMonth("2026-11", TODAY);
    expect(view.lines).toEqual(
      lines.map((l) => ({
        team: l.team,
        registry: l.registry,
        kind: l.kind,
        actualToDate: l.actualToDate.toString(),
        forecast: l.forecast.toString(),
      })),
    );
    expect(view.byTeam.map((t) => t.team)).toEqual(["payments", "search"]);
    expect(view.byRegistry.map((r) => r.registry)).toEqual(["contosodev", "contosoprod"]);
    expect(view.byKind.map((k) => k.kind)).toEqual(["unit", "storage"]);
    expect(BigInt(view.total.forecast)).toBeGreaterThan(BigInt(view.total.actualToDate));
    for (const breakdown of [view.byTeam, view.byRegistry, view.byKind, view.lines])
      expect(sum(breakdown)).toEqual(view.total);
    const payments = view.byTeam.find((t) => t.team === "payments")!;
    expect(payments).toMatchObject(sum(view.lines.filter((l) => l.team === "payments")));
    const dev = view.byRegistry.find((r) => r.registry === "contosodev")!;
    expect(dev).toMatchObject(sum(view.lines.filter((l) => l.registry === "contosodev")));
  });

  it("gives a team member its team's lines only, each as an Admin reads it", async () => {
    await estate();
    const admin = (await getRunningForecast("2026-11", { access: ALL, today: TODAY }))!;
    const member = (await getRunningForecast("2026-11", {
      access: { kind: "teams", teams: ["search"] },
      today: TODAY,
    }))!;
    expect(member.lines.length).toBeGreaterThan(0);
    expect(member.lines).toEqual(admin.lines.filter((l) => l.team === "search"));
    expect(member.byTeam).toEqual(admin.byTeam.filter((t) => t.team === "search"));
    expect(member.byRegistry.map((r) => r.registry)).toEqual(["contosoprod"]);
    expect(member.total).toEqual(sum(member.lines));
  });
});
