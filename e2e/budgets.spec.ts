import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parseQuotedCsv, toMicros, type CsvRecord } from "./csv";

const BUDGETS_HEADER = "month,team,budget,actual_to_date,forecast,percent_of_budget,status,currency";
const FORECAST_HEADER = "month,as_of,team,registry,cost_kind,actual_to_date,forecast,currency";
/** A budget any cost reaches, and one no cost of the demo comes near. */
const OVER = "e2e-budget-over";
const ON_TRACK = "e2e-budget-on-track";
const JSON_TYPE = { "Content-Type": "application/json" };

type ShownBudget = { budget: bigint; actual: bigint; forecast: bigint; percent: string; status: string };

/** A budget line as shown (the review's row or the team page's line): exact figures from data-cost. */
async function readBudget(line: Locator): Promise<ShownBudget> {
  const cost = async (testId: string) => toMicros((await line.getByTestId(testId).getAttribute("data-cost")) ?? "");
  return {
    budget: await cost("budget-amount"),
    actual: await cost("budget-actual"),
    forecast: await cost("budget-forecast"),
    percent: (await line.getByTestId("budget-percent").getAttribute("data-percent")) ?? "",
    status: (await line.getByTestId("budget-status").getAttribute("data-status")) ?? "",
  };
}

function fromCsv(record: CsvRecord): ShownBudget {
  return {
    budget: toMicros(record.budget),
    actual: toMicros(record.actual_to_date),
    forecast: toMicros(record.forecast),
    percent: record.percent_of_budget,
    status: record.status,
  };
}

async function download(page: Page, link: Locator): Promise<{ header: string[]; records: CsvRecord[] }> {
  const downloadEvent = page.waitForEvent("download");
  await link.click();
  return parseQuotedCsv(await readFile(await (await downloadEvent).path(), "utf8"));
}

test("budgets: a team's budget shows its status on the review and on its team page, with the budgets CSV's numbers", async ({
  page,
  request,
}) => {
  const original = await (await request.get("/api/chargeback/config")).text();
  const month = new Date().toISOString().slice(0, 7);
  const day = Number(new Date().toISOString().slice(8, 10));
  const document = {
    teams: [
      { name: OVER, budget: { monthly: "0.01" } },
      { name: ON_TRACK, budget: { monthly: "1000000.00" } },
    ],
    rules: [
      { registry: "*", repository: "payments/**", team: OVER },
      { registry: "*", repository: "**", team: ON_TRACK },
    ],
  };
  const saved = await request.put("/api/chargeback/config", { data: JSON.stringify(document), headers: JSON_TYPE });
  expect(saved.status()).toBe(200);
  try {
    await page.goto(`/chargeback?month=${month}`);
    const budgets = page.getByRole("table", { name: `Budgets, ${month}` });
    await expect(budgets.getByTestId("budget-row")).toHaveCount(2, { timeout: 30_000 });
    const row = (team: string) => budgets.locator(`[data-testid=budget-row][data-team="${team}"]`);
    await expect(row(OVER).getByTestId("budget-status")).toHaveText("over");
    await expect(row(ON_TRACK).getByTestId("budget-status")).toHaveText("on track");

    // The review's numbers are the budgets CSV's, downloaded from the review, to the micro.
    const link = page.getByRole("link", { name: "Download budgets CSV" });
    await expect(link).toHaveAttribute("href", `/api/reports/budgets.csv?month=${month}`);
    const { header, records } = await download(page, link);
    expect(header.join(",")).toBe(BUDGETS_HEADER);
    expect(records.map((r) => [r.month, r.team, r.currency])).toEqual([
      [month, OVER, "USD"],
      [month, ON_TRACK, "USD"],
    ]);
    const csv = new Map(records.map((r) => [r.team, fromCsv(r)]));
    for (const team of [OVER, ON_TRACK]) expect(await readBudget(row(team)), team).toEqual(csv.get(team));
    expect(csv.get(OVER)).toMatchObject({ budget: 10_000n, status: "over" });
    expect(csv.get(OVER)!.actual).toBeGreaterThanOrEqual(10_000n);
    expect(csv.get(ON_TRACK)).toMatchObject({ budget: 1_000_000_000_000n, status: "on_track" });

    // The running month's forecast: the method, the days it covers, and per team the budgets' forecast,
    // which is the forecast CSV's lines of that team summed.
    const forecast = page.getByTestId("forecast");
    await expect(forecast.getByTestId("forecast-method")).toContainText("storage at the current daily run-rate");
    await expect(forecast.getByTestId("forecast-days")).toHaveAttribute("data-days", String(day));
    const byTeam = page.getByRole("table", { name: `Forecast by team, ${month}` });
    const forecastLink = page.getByRole("link", { name: "Download forecast CSV" });
    await expect(forecastLink).toHaveAttribute("href", `/api/reports/forecast.csv?month=${month}`);
    const lines = await download(page, forecastLink);
    expect(lines.header.join(",")).toBe(FORECAST_HEADER);
    for (const team of [OVER, ON_TRACK]) {
      const shown = byTeam.locator(`[data-testid=forecast-row][data-key="${team}"]`);
      const whole = toMicros((await shown.getByTestId("forecast-whole").getAttribute("data-cost")) ?? "");
      const own = lines.records.filter((r) => r.team === team);
      expect(
        own.reduce((sum, r) => sum + toMicros(r.forecast), 0n),
        team,
      ).toBe(whole);
      expect(whole, team).toBe(csv.get(team)!.forecast);
    }

    // The team's page: its own budget line, the same figures.
    await row(OVER).getByRole("link", { name: OVER, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${OVER}\\?month=${month}`));
    const line = page.getByTestId("team-budget-line");
    await expect(line.getByTestId("budget-status")).toHaveText("over", { timeout: 30_000 });
    expect(await readBudget(line)).toEqual(csv.get(OVER));
    // A team without a budget has no budget line.
    await page.goto(`/teams/unallocated?month=${month}`);
    await expect(page.getByTestId("team-summary")).toBeVisible();
    await expect(page.getByTestId("team-budget")).toHaveCount(0);
  } finally {
    const restored = await request.put("/api/chargeback/config", { data: original, headers: JSON_TYPE });
    expect(restored.status()).toBe(200);
  }
});
