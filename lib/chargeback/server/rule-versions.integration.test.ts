/**
 * A month is allocated with the teams and rules in force at its end: two saved versions, the first
 * before the month ended and the second after, give different lines for the month than today's
 * rules do; the review and the CSV's X-Chargeback-Rules header name the version used.
 */
import { describe, expect, it } from "vitest";
import { currentUtcDay, monthOfDay } from "@/lib/calendar";
import { CHARGEBACK_COLUMNS } from "@/lib/chargeback/chargeback-report";
import { saveChargebackConfig } from "@/lib/chargeback/server/config-store";
import type { Actor } from "@/lib/audit/actor";
import { useTestDatabase } from "@/lib/testing/database";
import { viaCli } from "@/lib/testing/report-test-io";
import { TEST_MONTH, TEST_TODAY, seedCostEstate } from "@/lib/testing/test-estate";
import { GET as getReport } from "@/app/api/reports/[name]/route";
import { getChargebackMonth } from "./get-chargeback-month";

const testDb = useTestDatabase();

const actor = (name: string): Actor => ({
  name,
  subject: name,
  roles: ["Ledger.FinOps"],
  via: "easyauth",
  mode: "easyauth",
});
const everythingTo = (team: string) => JSON.stringify({ rules: [{ registry: "*", repository: "**", team }] });

/** Version 1 (all to "old") saved during the month, version 2 (all to "new") saved now, after it. */
async function twoVersions() {
  await seedCostEstate(testDb.db);
  await saveChargebackConfig(everythingTo("old"), actor("Olga"));
  // The first save happened during the month: its instant is moved there, as if saved then.
  await testDb.pool.query("UPDATE chargeback_config_versions SET saved_at = '2026-02-10T09:30:00Z'");
  await saveChargebackConfig(everythingTo("new"), actor("Nina"));
  const [v1, v2] = await testDb.db.chargebackConfigVersion.findMany({ orderBy: { id: "asc" } });
  return { v1, v2 };
}

/** The teams charged, leaving out what no rule owns (task runs without an output image). */
const teamsOf = (lines: { team: string }[]) =>
  [...new Set(lines.map((l) => l.team))].filter((t) => t !== "unallocated");

async function csv(query: string) {
  const url = `http://localhost/api/reports/chargeback.csv?${query}`;
  const response = await getReport(new Request(url), { params: Promise.resolve({ name: "chargeback.csv" }) });
  const [header, ...rows] = (await response.text()).split("\n").filter(Boolean);
  return {
    status: response.status,
    rules: JSON.parse(response.headers.get("x-chargeback-rules") ?? "null"),
    header,
    rows,
  };
}

describe("chargeback rule versions", () => {
  it("allocates a past month with the version in force at its end, and with today's rules when asked", async () => {
    const { v1, v2 } = await twoVersions();
    const atEnd = await getChargebackMonth(TEST_MONTH, { access: { kind: "all" }, today: TEST_TODAY });
    const today = await getChargebackMonth(TEST_MONTH, {
      access: { kind: "all" },
      today: TEST_TODAY,
      rules: "current",
    });
    expect(teamsOf(atEnd.lines)).toEqual(["old"]);
    expect(teamsOf(today.lines)).toEqual(["new"]);
    expect(atEnd.totalMicros).toBe(today.totalMicros);
    expect(atEnd.rules).toEqual({
      basis: "month-end",
      versionId: v1.id,
      savedAt: "2026-02-10T09:30:00.000Z",
      savedBy: "Olga",
      inForceAt: "2026-03-01T00:00:00.000Z",
    });
    expect(today.rules).toMatchObject({ basis: "current", versionId: v2.id, savedBy: "Nina" });
    expect(today.rules.savedAt).toBe(v2.savedAt.toISOString());
  });

  it("uses the oldest version for a month that ended before any, and says so", async () => {
    const { v1 } = await twoVersions();
    const before = await getChargebackMonth("2026-01", { access: { kind: "all" }, today: TEST_TODAY });
    expect(before.rules).toMatchObject({ basis: "oldest", versionId: v1.id, savedBy: "Olga" });
    expect(teamsOf(before.lines)).toEqual(["old"]);
  });

  it("allocates the running month with the current rules", async () => {
    const { v2 } = await twoVersions();
    const running = await getChargebackMonth(monthOfDay(currentUtcDay()), { access: { kind: "all" } });
    expect(running.rules).toMatchObject({ basis: "month-end", versionId: v2.id, savedBy: "Nina" });
  });

  it("names the version in the CSV's X-Chargeback-Rules header, keeping its columns, and takes rules=current", async () => {
    const { v1, v2 } = await twoVersions();
    const atEnd = await csv(`month=${TEST_MONTH}&asOf=${TEST_TODAY}`);
    expect(atEnd.status).toBe(200);
    expect(atEnd.header).toBe(CHARGEBACK_COLUMNS.join(","));
    expect(atEnd.rules).toMatchObject({ basis: "month-end", versionId: v1.id, savedBy: "Olga" });
    expect(atEnd.rows.length).toBeGreaterThan(0);
    const team = (row: string) => row.split(",").at(-2);
    expect(new Set(atEnd.rows.map(team).filter((t) => t !== "unallocated"))).toEqual(new Set(["old"]));
    const today = await csv(`month=${TEST_MONTH}&asOf=${TEST_TODAY}&rules=current`);
    expect(today.rules).toMatchObject({ basis: "current", versionId: v2.id, savedBy: "Nina" });
    expect(new Set(today.rows.map(team).filter((t) => t !== "unallocated"))).toEqual(new Set(["new"]));
    const cli = await viaCli(["chargeback", "--month", TEST_MONTH, "--as-of", TEST_TODAY, "--rules", "current"]);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.stdout.split("\n").filter(Boolean).slice(1)).toEqual(today.rows);
  });

  it("escapes a non-ASCII author in the header", async () => {
    await seedCostEstate(testDb.db);
    await saveChargebackConfig(everythingTo("old"), actor("Zoë Łukasz"));
    const { rules } = await csv(`month=${TEST_MONTH}&asOf=${TEST_TODAY}`);
    expect(rules).toMatchObject({ basis: "oldest", savedBy: "Zoë Łukasz" });
  });
});
