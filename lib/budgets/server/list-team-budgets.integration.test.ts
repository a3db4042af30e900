/**
 * Budgets as the review and the team page read them: the figures teamBudgets computes, cut to the
 * access's teams; a team's own line, nothing for a team without a budget or out of reach; a
 * document in another currency said by name only when a budget is compared.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import { saveChargebackConfig } from "../../chargeback/server/config-store";
import { isLedgerError } from "../../errors";
import { TEST_ACTOR } from "../../testing/actors";
import { useTestDatabase } from "../../testing/database";
import { createRegistry, createRegistrySnapshot, createRepositorySnapshot } from "../../testing/factories";
import { DEFAULT_THRESHOLDS } from "../thresholds";
import { getTeamBudget } from "./get-team-budget";
import { listTeamBudgets } from "./list-team-budgets";
import { teamBudgets } from "./team-budgets";

const db = useTestDatabase();
const GIB = 1n << 30n;
const ALL = { kind: "all" } as const;
const TODAY = "2026-11-10";
const RULES = [
  { registry: "*", repository: "pay/**", team: "payments" },
  { registry: "*", repository: "search/**", team: "search" },
  { registry: "*", repository: "web/**", team: "web" },
];

/** payments spends far beyond 1.00 a month, search far below 100000.00; web has no budget. */
async function estate(extra: Record<string, unknown> = {}) {
  await saveChargebackConfig(
    JSON.stringify({
      ...extra,
      teams: [
        { name: "payments", budget: { monthly: "1.00" } },
        { name: "search", budget: { monthly: "100000.00" } },
        { name: "web" },
      ],
      rules: RULES,
    }),
    TEST_ACTOR,
  );
  const registry = await createRegistry(db.db, { name: "contosoprod" });
  for (let i = 0; i < 22; i++) {
    const day = addDays("2026-10-20", i); // … 2026-11-10
    await createRegistrySnapshot(db.db, registry.id, { day, storedBytes: 700n * GIB });
    for (const [repositoryName, gib] of [
      ["pay/api", 500n],
      ["search/index", 100n],
      ["web/site", 100n],
    ] as const)
      await createRepositorySnapshot(db.db, registry.id, { repositoryName, day, attributedBytes: gib * GIB });
  }
}

describe("listTeamBudgets and getTeamBudget", () => {
  it("state teamBudgets' figures for the budgeted teams, the running month's and a past one's", async () => {
    await estate();
    const view = await listTeamBudgets("2026-11", { access: ALL, today: TODAY });
    const computed = await teamBudgets("2026-11", TODAY, DEFAULT_THRESHOLDS);
    expect(view).toMatchObject({ month: "2026-11", asOf: TODAY, running: true, currency: "USD" });
    expect(view.teams).toEqual(
      computed.teams.map((t) => ({
        team: t.team,
        budget: t.budget.toString(),
        actualToDate: t.actualToDate.toString(),
        forecast: t.forecast.toString(),
        percentOfBudget: t.percentOfBudget,
        status: t.status,
      })),
    );
    expect(view.teams.map((t) => [t.team, t.status])).toEqual([
      ["payments", "over"],
      ["search", "on_track"],
    ]);
    const past = await listTeamBudgets("2026-10", { access: ALL, today: TODAY });
    expect(past).toMatchObject({ asOf: "2026-10-31", running: false });
    for (const t of past.teams) expect(t.forecast).toBe(t.actualToDate);
  });

  it("give a team member its own team's budget only, and a team page its own line", async () => {
    await estate();
    const all = await listTeamBudgets("2026-11", { access: ALL, today: TODAY });
    const member = { kind: "teams" as const, teams: ["search"] };
    const mine = await listTeamBudgets("2026-11", { access: member, today: TODAY });
    expect(mine.teams).toEqual(all.teams.filter((t) => t.team === "search"));

    const line = await getTeamBudget("search", "2026-11", { access: member, today: TODAY });
    expect(line).toMatchObject({ month: "2026-11", currency: "USD", running: true });
    expect(line!.line).toEqual(all.teams.find((t) => t.team === "search"));
    expect(await getTeamBudget("payments", "2026-11", { access: member, today: TODAY })).toBeNull();
    expect((await getTeamBudget("payments", "2026-11", { access: ALL, today: TODAY }))!.line.status).toBe("over");
    expect(await getTeamBudget("web", "2026-11", { access: ALL, today: TODAY })).toBeNull();
  });

  it("name a document whose budgets are in another currency, unless no budget is compared", async () => {
    await estate({ currency: "EUR" });
    const error = await listTeamBudgets("2026-11", { access: ALL, today: TODAY }).catch((e: unknown) => e);
    expect(isLedgerError(error, "validation")).toBe(true);
    expect((error as Error).message).toMatch(/budgets are in EUR, the costs in USD/);
    const web = await listTeamBudgets("2026-11", { access: { kind: "teams", teams: ["web"] }, today: TODAY });
    expect(web.teams).toEqual([]);
  });
});
