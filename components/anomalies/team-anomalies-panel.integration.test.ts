/**
 * The team page's anomalies panel as the server renders it, from alerts raised as the sync raises
 * them: the team's daily cost and its repository's bytes on one day (the team's first), each with
 * its rise, its threshold and what was pushed with its tags; another team's jump not shown; a
 * month without any says so; a member of another team gets nothing.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryAnomalyPayload, teamAnomalyPayload } from "@/lib/alerts/alert";
import { raiseAlerts } from "@/lib/alerts/server/alert-store";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { TeamAnomaliesPanel } from "./team-anomalies-panel";

const GIB = 1n << 30n;
const BASE = "http://localhost:3000";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const big = { digest: "sha256:0123456789abcdef0123", tags: ["latest", "v2.0.0"], bytes: 40n * GIB };
  await raiseAlerts(db.pool, [
    repositoryAnomalyPayload(
      {
        day: "2026-11-02",
        registry: "contosoprod",
        repository: "ml/trainer",
        team: "data",
        previous: 26n * GIB,
        value: 66n * GIB,
        rise: 40n * GIB,
        threshold: Number(GIB),
        causes: [big],
      },
      BASE,
    ),
    teamAnomalyPayload(
      {
        day: "2026-11-02",
        team: "data",
        previous: 1_410_913n,
        value: 4_157_882n,
        rise: 2_746_969n,
        threshold: 423_274,
        currency: "USD",
        causes: [{ registry: "contosoprod", repository: "ml/trainer", ...big }],
      },
      BASE,
    ),
    teamAnomalyPayload(
      {
        day: "2026-11-05",
        team: "search",
        previous: 1_000_000n,
        value: 9_000_000n,
        rise: 8_000_000n,
        threshold: 100_000,
        currency: "USD",
        causes: [],
      },
      BASE,
    ),
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const render = async (team: string, month: string, teams?: string[]) =>
  renderToStaticMarkup(
    (await TeamAnomaliesPanel({ team, month, access: teams ? { kind: "teams", teams } : { kind: "all" } })) ?? "",
  );

describe("TeamAnomaliesPanel", () => {
  it("lists the team's jumps with their rise, threshold and the pushes with their tags", async () => {
    const html = await render("data", "2026-11", ["data"]);
    expect(html).toContain('data-testid="team-anomalies-table" data-count="2"');
    const rows = html.split('data-testid="team-anomaly-row"').slice(1);
    expect(rows.map((row) => /data-subject="(\w+)"/.exec(row)?.[1])).toEqual(["team", "repository"]);
    expect(rows[0]).toContain("Daily cost");
    expect(rows[0]).toContain("USD 2.75");
    expect(rows[0]).toContain("USD 0.42");
    expect(rows[0]).toContain("contosoprod/ml/trainer");
    expect(rows[1]).toContain("40.0 GiB");
    expect(rows[1]).toContain("1.00 GiB");
    for (const row of rows) {
      expect(row).toContain("latest, v2.0.0");
      expect(row).toContain("0123456789ab");
    }
    expect(html).not.toContain("2026-11-05");
  });

  it("says when the month has none, and shows nothing to another team's member", async () => {
    expect(await render("data", "2026-10")).toContain("No jump was found in 2026-10");
    expect(await render("search", "2026-11", ["search"])).toContain("nothing pushed that day");
    expect(await render("data", "2026-11", ["search"])).toBe("");
  });
});
