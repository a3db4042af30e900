import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseQuotedCsv, toMicros } from "./csv";

const CHARGEBACK_HEADER =
  "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ListCost,ChargeCategory,ChargeDescription,ServiceName,ServiceCategory,ResourceId,ResourceName,ResourceType,RegionId,SubAccountId,SkuMeter,AllocatedMethodId,AllocatedResourceName,AllocatedTags,AllocatedMethodDetails,AllocatedResourceId,BillingAccountId,BillingAccountName,ChargeClass,ChargeFrequency,ConsumedQuantity,ConsumedUnit,ContractedCost,HostProviderName,InvoiceIssuerName,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionName,ServiceProviderName,SkuId,SkuPriceId,SubAccountName,x_Team,x_CostCenter";
const TEAM = "e2e-payments";
const COST_CENTER = "CC-900";
const JSON_TYPE = { "Content-Type": "application/json" };

async function teamTotals(page: Page): Promise<Map<string, bigint>> {
  const rows = await page
    .getByTestId("chargeback-team")
    .evaluateAll((teams) =>
      teams.map(
        (t) =>
          [
            t.getAttribute("data-team") ?? "",
            t.querySelector("[data-testid=chargeback-team-total]")?.getAttribute("data-cost") ?? "",
          ] as const,
      ),
    );
  return new Map(rows.map(([team, cost]) => [team, toMicros(cost)]));
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The UTC month `by` months from now's, YYYY-MM, and its number of days. */
function monthFromNow(by: number, now = new Date()): { month: string; days: number } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + by, 1));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { month: first.toISOString().slice(0, 7), days };
}

/** "Dec 1–5" ("Dec 1" for one day): days 1..until of a month, as the review names them. */
function dayRange(month: string, until: number): string {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1];
  return until === 1 ? `${name} 1` : `${name} 1–${until}`;
}

/** The running month's days to today and the same days of the previous month (a 31st clamps to its last day). */
function sameDays(now = new Date()): { current: string; previous: string } {
  const day = now.getUTCDate();
  const previous = monthFromNow(-1, now);
  return {
    current: dayRange(monthFromNow(0, now).month, day),
    previous: dayRange(previous.month, Math.min(day, previous.days)),
  };
}

/** The running month's By team table, found as a reader finds it: by its caption, naming the days compared. */
function byTeamTable(page: Page) {
  const days = sameDays();
  return page.getByRole("table", { name: `Charge by team, ${days.current} against ${days.previous}` });
}

async function pageTotal(page: Page): Promise<bigint> {
  return toMicros((await page.getByTestId("chargeback-total").getAttribute("data-cost")) ?? "");
}

test("chargeback: a rule set in the UI gives its team a line on the monthly review; the CSV downloaded there sums to the page's total", async ({
  page,
  request,
}) => {
  expect((await request.put("/api/chargeback/config", { data: "{}", headers: JSON_TYPE })).status()).toBe(200);
  const month = new Date().toISOString().slice(0, 7);

  // Before: no rules, so each registry's cost goes to the team its `team` tag names (the
  // simulator tags every registry), or to unallocated.
  await page.goto(`/chargeback?month=${month}`);
  const byTeam = byTeamTable(page);
  await expect(byTeam.getByRole("columnheader")).toHaveText([
    "Team",
    "Cost center",
    "Storage",
    sameDays().previous,
    "Change",
    sameDays().current,
  ]);
  await expect(byTeam.getByTestId("chargeback-team").first()).toBeVisible();
  const before = await teamTotals(page);
  expect(before.has(TEAM)).toBe(false);
  const total = await pageTotal(page);
  expect(total).toBeGreaterThan(0n);

  // The rule, typed in the editor: the live preview counts what it matches before anything is saved.
  await page.getByTestId("nav").getByRole("link", { name: "Teams" }).click();
  await page.getByTestId("team-add").click();
  await page.getByTestId("team-name").fill(TEAM);
  await page.getByTestId("rule-add").click();
  await page.getByTestId("rule-repository").fill("payments/**");
  await page.getByTestId("rule-team").fill(TEAM);
  await page.getByTestId("team-cost-center").fill(COST_CENTER);
  // A bad field (the reserved team name) is named next to its field, and nothing is saved.
  await page.getByTestId("rule-team").fill("unallocated");
  await page.getByTestId("config-save").click();
  await expect(page.getByTestId("config-status")).toHaveAttribute("data-status", "invalid");
  await expect(page.locator('[data-testid=field-error][data-field="rules.0.team"]')).toContainText("reserved");
  await page.getByTestId("rule-team").fill(TEAM);
  await expect
    .poll(async () => Number((await page.getByTestId("rule-preview").getAttribute("data-count")) || 0))
    .toBeGreaterThan(0);
  const matched = Number(await page.getByTestId("rule-preview").getAttribute("data-count"));
  await expect(page.getByTestId("rule-preview").getByTestId("preview-samples")).toContainText("/payments/");
  await page.getByTestId("config-save").click();
  await expect(page.getByTestId("config-status")).toHaveAttribute("data-status", "saved");
  await expect(page.getByTestId("field-error")).toHaveCount(0);
  await expect(page.getByTestId("config-source")).toHaveAttribute("data-source", "stored");

  // After: the team has its own line; the total does not move, the teams still sum to it.
  await page.goto(`/chargeback?month=${month}`);
  await expect(byTeam.getByRole("rowheader", { name: TEAM, exact: true })).toBeVisible();
  await expect(page.locator(`[data-testid=chargeback-team][data-team="${TEAM}"]`)).toBeVisible();
  const after = await teamTotals(page);
  expect(await pageTotal(page)).toBe(total);
  expect(after.get(TEAM)).toBeGreaterThan(0n);
  // What the new team gained, the other lines lost, to the micro.
  const lost = [...before].reduce((sum, [team, cost]) => sum + cost - (after.get(team) ?? 0n), 0n);
  expect(lost).toBe(after.get(TEAM));
  expect([...after.values()].reduce((a, b) => a + b, 0n)).toBe(total);

  // Drill-down: the team's registries hold exactly the repositories the rule matched.
  const teamLine = page.locator(`[data-testid=chargeback-team][data-team="${TEAM}"]`);
  await teamLine.getByText(`Registries and repositories of ${TEAM}`, { exact: true }).click();
  await teamLine.getByTestId("chargeback-team-registry").first().locator("summary").click();
  const repositories = await teamLine
    .getByTestId("chargeback-team-repository")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-repository") ?? ""));
  expect(repositories.length).toBeGreaterThan(0);
  expect(repositories.every((name) => name === "" || name.startsWith("payments/"))).toBe(true);

  // The CSV from the page's own link: FOCUS columns, and its BilledCost adds up to the page.
  const link = page.getByRole("link", { name: "Download CSV" });
  await expect(link).toHaveAttribute("href", `/api/reports/chargeback.csv?month=${month}`);
  const downloadEvent = page.waitForEvent("download");
  await link.click();
  const { header, records } = parseQuotedCsv(await readFile(await (await downloadEvent).path(), "utf8"));
  expect(header.join(",")).toBe(CHARGEBACK_HEADER);
  expect(records.reduce((sum, r) => sum + toMicros(r.BilledCost), 0n)).toBe(total);
  const teamRows = records.filter((r) => r.x_Team === TEAM);
  expect(teamRows.reduce((sum, r) => sum + toMicros(r.BilledCost), 0n)).toBe(after.get(TEAM));
  expect(new Set(teamRows.map((r) => r.x_CostCenter))).toEqual(new Set([COST_CENTER]));
  expect(JSON.parse(teamRows[0].AllocatedTags)).toMatchObject({ team: TEAM });

  // The team's page: the same month's cost, its repositories, a trend.
  await byTeam.getByRole("link", { name: TEAM, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${TEAM}\\?month=${month}`));
  await expect(page.getByTestId("team-total")).toHaveAttribute("data-cost", /\d/);
  expect(toMicros((await page.getByTestId("team-total").getAttribute("data-cost")) ?? "")).toBe(after.get(TEAM));
  await expect(page.getByTestId("team-repository-row")).toHaveCount(matched);
  await expect(page.getByTestId("team-trend")).toBeVisible();
  // Its storage over time: the snapshots of the repositories it owns, plotted.
  await expect(page.getByTestId("team-storage-trend").getByTestId("chart-repository-bytes")).toBeVisible();
  await expect(page.getByTestId("team-stale-tags")).toHaveAttribute("data-value", /^\d+$/);

  // "unallocated" is a team page too; a name no one declared is not.
  await page.goto(`/teams/unallocated?month=${month}`);
  expect(toMicros((await page.getByTestId("team-total").getAttribute("data-cost")) ?? "")).toBe(
    after.get("unallocated") ?? 0n,
  );
  await page.goto("/teams/nobody-declared-this");
  await expect(page.getByTestId("team-not-found")).toBeVisible();
});

test("chargeback: an imported FOCUS bill shows beside the estimate, and scaling to it charges the teams the bill, CSV included", async ({
  page,
}) => {
  const month = new Date().toISOString().slice(0, 7);
  await page.goto(`/chargeback?month=${month}`);
  const row = page
    .getByRole("table", { name: `By registry: estimated vs billed, ${month}` })
    .getByTestId("chargeback-registry-row")
    .first();
  await expect(row).toBeVisible();
  const registry = (await row.getAttribute("data-registry")) ?? "";
  const resourceId = (await row.getAttribute("data-resource-id")) ?? "";
  const estimatedTotal = await pageTotal(page);
  const estimated = toMicros((await row.getByTestId("chargeback-registry-estimated").getAttribute("data-cost")) ?? "");

  // Azure writes ResourceIds in its own casing; one row of another resource is ignored.
  const focus = [
    "BillingPeriodStart,ChargePeriodStart,BillingCurrency,BilledCost,ResourceId,ServiceName",
    `${month}-01T00:00:00Z,${month}-01T00:00:00Z,USD,30.5,${resourceId.toUpperCase()},Container Registry`,
    `${month}-01T00:00:00Z,${month}-02T00:00:00Z,USD,9.500000,${resourceId}/replications/westus,Container Registry`,
    `${month}-01T00:00:00Z,${month}-01T00:00:00Z,USD,1000,/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other,Storage`,
  ].join("\n");
  await page
    .getByLabel(/^FOCUS cost export \(CSV\)/)
    .setInputFiles({ name: "focus.csv", mimeType: "text/csv", buffer: Buffer.from(focus) });
  await page.getByRole("button", { name: "Import billed costs" }).click();
  await expect(page.getByTestId("billed-upload-result")).toContainText("2 of 3 rows matched 1 registry");
  await expect(row.getByTestId("chargeback-registry-billed")).toHaveAttribute("data-cost", "40.000000");
  expect(await pageTotal(page)).toBe(estimatedTotal);

  await page.getByLabel("Scale to billed", { exact: true }).check();
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/scale=billed/);
  await expect(page.getByTestId("chargeback-month")).toHaveAttribute("data-scale", "billed");
  const scaledRow = page.locator(`[data-testid=chargeback-registry-row][data-registry="${registry}"]`);
  await expect(scaledRow.getByTestId("chargeback-registry-total")).toHaveAttribute("data-cost", "40.000000");
  const scaledTotal = await pageTotal(page);
  expect(scaledTotal).toBe(estimatedTotal - estimated + 40_000_000n);
  const teams = await teamTotals(page);
  expect([...teams.values()].reduce((a, b) => a + b, 0n)).toBe(scaledTotal);

  const link = page.getByRole("link", { name: "Download CSV" });
  await expect(link).toHaveAttribute("href", `/api/reports/chargeback.csv?month=${month}&scale=billed`);
  const downloadEvent = page.waitForEvent("download");
  await link.click();
  const { records } = parseQuotedCsv(await readFile(await (await downloadEvent).path(), "utf8"));
  expect(records.reduce((sum, r) => sum + toMicros(r.BilledCost), 0n)).toBe(scaledTotal);
  const registryRows = records.filter((r) => r.ResourceName === registry);
  expect(registryRows.reduce((sum, r) => sum + toMicros(r.BilledCost), 0n)).toBe(40_000_000n);
});

test("the review opens on the last complete month, compared whole; the running month is compared with the same days before", async ({
  page,
}) => {
  const review = monthFromNow(-1);
  const before = monthFromNow(-2);
  const whole = `${dayRange(review.month, review.days)} against ${dayRange(before.month, before.days)}`;
  const running = sameDays();

  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Chargeback" }).click();
  await expect(page.getByTestId("chargeback-month")).toHaveAttribute("data-month", review.month);
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute(
    "href",
    `/api/reports/chargeback.csv?month=${review.month}`,
  );
  const chargebackDays = page.getByTestId("chargeback-comparison").getByTestId("compared-days");
  await expect(chargebackDays).toHaveText(whole);
  await expect(chargebackDays).toHaveAttribute("data-running", "false");

  await page.getByTestId("nav").getByRole("link", { name: "Costs" }).click();
  await expect(page.getByTestId("cost-month")).toHaveAttribute("data-month", review.month);
  await expect(page.getByTestId("cost-comparison").getByTestId("compared-days")).toHaveText(whole);

  // The running month, asked for: its days to today against the same days of the month before.
  const month = monthFromNow(0).month;
  await page.goto(`/chargeback?month=${month}`);
  await expect(page.getByTestId("chargeback-month")).toHaveAttribute("data-month", month);
  await expect(chargebackDays).toHaveText(`${running.current} against ${running.previous}`);
  await expect(chargebackDays).toHaveAttribute("data-running", "true");
  await expect(byTeamTable(page).getByTestId("chargeback-team").first()).toBeVisible();
  await page.goto(`/costs?month=${month}`);
  await expect(page.getByTestId("cost-month")).toHaveAttribute("data-month", month);
  await expect(page.getByTestId("cost-comparison").getByTestId("compared-days")).toHaveText(
    `${running.current} against ${running.previous}`,
  );
  await expect(page.getByTestId("cost-comparison").getByRole("columnheader")).toContainText([
    running.previous,
    running.current,
  ]);
});

test("teams and rules: reordering changes what a rule owns; export gives the saved document; a bad import is named and stores nothing", async ({
  page,
  request,
}) => {
  const document = {
    teams: [
      { name: "everyone", costCenter: "CC-100" },
      { name: "pay", costCenter: "CC-200", contacts: ["pay@contoso.example"] },
    ],
    rules: [
      { registry: "*", repository: "**", team: "everyone" },
      { registry: "*", repository: "payments/**", team: "pay" },
    ],
    fixedFees: { default: "even", byRegistry: {} },
  };
  expect(
    (await request.put("/api/chargeback/config", { data: JSON.stringify(document), headers: JSON_TYPE })).status(),
  ).toBe(200);
  await page.goto("/teams");
  const rules = page.getByTestId("rule-row");
  await expect(rules.nth(1).getByTestId("rule-preview")).toHaveAttribute("data-count", "0");
  await expect(rules.nth(1).getByTestId("rule-shadowed")).toContainText("taken by earlier rules");
  const all = Number(await rules.nth(0).getByTestId("rule-preview").getAttribute("data-count"));

  // The narrow rule first: it now owns the payments repositories, the catch-all the rest.
  await rules.nth(1).getByTestId("rule-up").click();
  await expect(rules.nth(0).getByTestId("rule-repository")).toHaveValue("payments/**");
  await expect
    .poll(async () => Number(await rules.nth(0).getByTestId("rule-preview").getAttribute("data-count")))
    .toBeGreaterThan(0);
  const pay = Number(await rules.nth(0).getByTestId("rule-preview").getAttribute("data-count"));
  await expect(rules.nth(1).getByTestId("rule-preview")).toHaveAttribute("data-count", String(all - pay));
  await page.getByTestId("config-save").click();
  await expect(page.getByTestId("config-status")).toHaveAttribute("data-status", "saved");

  const downloadEvent = page.waitForEvent("download");
  await page.getByTestId("config-export").click();
  const exported = await readFile(await (await downloadEvent).path(), "utf8");
  expect(JSON.parse(exported)).toEqual({ ...document, rules: [document.rules[1], document.rules[0]] });

  // A file with a bad field: named next to the field it belongs to, and the stored document is unchanged.
  const bad = {
    teams: [{ name: "ml", costCenter: "" }],
    rules: [{ registry: "*", repository: "ml/**", team: "unallocated" }],
  };
  await page
    .getByTestId("config-import-file")
    .setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId("config-status")).toHaveAttribute("data-status", "invalid");
  await expect(page.getByTestId("config-status")).toContainText("bad.json");
  await expect(page.locator('[data-testid=field-error][data-field="teams.0.costCenter"]')).toBeVisible();
  await expect(page.locator('[data-testid=field-error][data-field="rules.0.team"]')).toContainText("reserved");
  await expect(page.getByTestId("team-name")).toHaveValue("ml");
  expect(await (await request.get("/api/chargeback/config")).text()).toBe(exported);
});
