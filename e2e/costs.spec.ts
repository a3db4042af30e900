import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parseQuotedCsv, toMicros, type CsvRecord } from "./csv";

const COSTS_HEADER =
  "month,days,subscription_id,registry,sku,cost_kind,quantity,unit,unit_price,cost,currency,pricing_source";
const KINDS = ["unit", "storage", "replication_unit", "replication_storage", "tasks"];

async function downloadCsv(page: Page, link: Locator): Promise<{ header: string[]; records: CsvRecord[] }> {
  const downloadEvent = page.waitForEvent("download");
  await link.click();
  const download = await downloadEvent;
  return parseQuotedCsv(await readFile(await download.path(), "utf8"));
}

type PageRegistryRow = { registry: string; subscription: string; total: string; lines: Record<string, string> };

async function readCostRows(page: Page): Promise<PageRegistryRow[]> {
  return page.getByTestId("cost-registry-row").evaluateAll((rows) =>
    rows.map((row) => ({
      registry: row.getAttribute("data-registry") ?? "",
      subscription: row.getAttribute("data-subscription") ?? "",
      total: row.querySelector("[data-testid=cost-registry-total]")?.getAttribute("data-cost") ?? "",
      lines: Object.fromEntries(
        [...row.querySelectorAll("[data-testid=cost-line]")].map((cell) => [
          cell.getAttribute("data-kind") ?? "",
          cell.querySelector("[data-cost]")?.getAttribute("data-cost") ?? "",
        ]),
      ),
    })),
  );
}

/** The last complete month (UTC), the one the review opens on: "2026-12-05" → "2026-11". */
function lastCompleteMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

test("costs: the page opens on the last complete month and equals costs.csv for it; its registries sum to the total", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Costs" }).click();
  const month = lastCompleteMonth();
  await expect(page.getByTestId("cost-month")).toHaveAttribute("data-month", month);
  const byRegistry = page.getByRole("table", { name: `Cost by registry, ${month}` });
  await expect(byRegistry.getByTestId("cost-registry-row").first()).toBeVisible();
  await expect(byRegistry.getByRole("columnheader", { name: "Registry", exact: true })).toHaveAttribute("scope", "col");
  await expect(page.getByTestId("pricing-source")).toContainText("read");

  const rows = await readCostRows(page);
  const total = toMicros((await page.getByTestId("cost-total").getAttribute("data-cost")) ?? "");
  expect(rows.reduce((sum, r) => sum + toMicros(r.total), 0n)).toBe(total);
  expect(total).toBeGreaterThan(0n);

  const csvLink = page.getByRole("link", { name: "Download CSV" });
  await expect(csvLink).toHaveAttribute("href", `/api/reports/costs.csv?month=${month}`);
  const { header, records } = await downloadCsv(page, csvLink);
  expect(header.join(",")).toBe(COSTS_HEADER);
  expect(records).toHaveLength(rows.length * KINDS.length);
  for (const row of rows) {
    const own = records.filter((r) => r.registry === row.registry && r.subscription_id === row.subscription);
    expect(
      own.map((r) => r.cost_kind),
      row.registry,
    ).toEqual(KINDS);
    for (const record of own) {
      expect(record.month).toBe(month);
      expect(record.cost, `${row.registry} ${record.cost_kind}`).toBe(row.lines[record.cost_kind]);
    }
    expect(own.reduce((sum, r) => sum + toMicros(r.cost), 0n)).toBe(toMicros(row.total));
  }
  for (const kind of KINDS) {
    const shown = await page
      .getByTestId("cost-kind-total")
      .and(page.locator(`[data-kind=${kind}]`))
      .locator("[data-cost]")
      .getAttribute("data-cost");
    const fromCsv = records.filter((r) => r.cost_kind === kind).reduce((sum, r) => sum + toMicros(r.cost), 0n);
    expect(toMicros(shown ?? ""), kind).toBe(fromCsv);
  }

  const first = rows[0];
  await byRegistry.getByRole("link", { name: first.registry, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/costs/${first.registry}\\?month=${month}`));
  await expect(page.getByTestId("registry-costs-name")).toHaveText(first.registry);
  await expect(page.getByTestId("chart-daily-cost").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("registry-cost-total")).toHaveAttribute("data-cost", first.total);
  const dayByDay = page.getByRole("table", { name: "Stored bytes and cost per kind, day by day" });
  await expect(dayByDay.getByRole("columnheader")).toHaveText([
    "Day",
    "Stored (S)",
    "Registry unit",
    "Storage",
    "Replication units",
    "Replica storage",
    "Tasks",
    "Total",
  ]);
  await expect(dayByDay.getByTestId("registry-cost-day").first()).toBeVisible();

  // Without a month, a registry's costs open on the same month as the review.
  await page.goto(`/costs/${first.registry}`);
  await expect(page.getByText(`cost in ${month}`, { exact: true })).toBeVisible();
  await expect(page.getByTestId("registry-cost-total")).toHaveAttribute("data-cost", first.total);
});

test("costs: the repositories page shows each repository's month-to-date storage cost", async ({ page }) => {
  await page.goto("/repositories?sort=attributed&dir=desc");
  await expect(page.getByRole("columnheader", { name: /Monthly storage cost \(MTD\)/ })).toBeVisible();
  const cells = await page
    .getByTestId("cell-storage-cost")
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-cost")));
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.every((c) => c !== null && /^\d+\.\d{6}$/.test(c))).toBe(true);
});

test("findings: the page lists what findings.csv lists, and filters by severity", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Findings" }).click();
  const table = page.getByRole("table", { name: "Findings: what to change and what it saves a month" });
  await expect(table).toBeVisible();
  const count = Number(await table.getAttribute("data-count"));
  const shown = await page.getByTestId("finding-row").evaluateAll((rows) =>
    rows.map((row) => ({
      registry: row.getAttribute("data-registry") ?? "",
      title: row.getAttribute("data-title") ?? "",
      severity: row.getAttribute("data-severity") ?? "",
      saving: row.querySelector("[data-testid=finding-saving]")?.getAttribute("data-cost") ?? "",
    })),
  );
  const csvLink = page.getByRole("link", { name: "Download CSV" });
  const { header, records } = await downloadCsv(page, csvLink);
  expect(header.join(",")).toBe("registry,finding,severity,evidence,monthly_saving,currency");
  expect(records).toHaveLength(count);
  expect(
    records.map((r) => ({ registry: r.registry, title: r.finding, severity: r.severity, saving: r.monthly_saving })),
  ).toEqual(shown);

  await page.getByLabel(/^Severity/).selectOption("high");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(/severity=high/);
  await expect(csvLink).toHaveAttribute("href", /severity=high/);
  const severities = await page
    .getByTestId("finding-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-severity")));
  expect(severities.every((s) => s === "high")).toBe(true);
  expect(severities).toHaveLength(shown.filter((f) => f.severity === "high").length);

  const registry = shown[0].registry;
  await page.goto(`/registries/${registry}`);
  await expect(page.getByRole("link", { name: /^Findings \(\d+\)$/ })).toHaveAttribute(
    "data-count",
    String(shown.filter((f) => f.registry === registry).length),
  );
});

test("replication: replica costs equal replications.csv, and the what-if prices a split", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Replication" }).click();
  await expect(page.getByRole("table", { name: "Monthly cost of each replica" })).toBeVisible();
  const shown = await page.getByTestId("replica-row").evaluateAll((rows) =>
    rows.map((row) => ({
      registry: row.getAttribute("data-registry") ?? "",
      location: row.getAttribute("data-location") ?? "",
      cost: row.querySelector("[data-testid=replica-monthly-cost]")?.getAttribute("data-cost") ?? "",
    })),
  );
  expect(shown.length).toBeGreaterThan(0);
  const { header, records } = await downloadCsv(page, page.getByRole("link", { name: "Download CSV" }));
  expect(header.join(",")).toBe(
    "registry,replica_location,status,zone_redundancy,monthly_unit_cost,monthly_storage_cost,monthly_cost,currency",
  );
  expect(records.map((r) => ({ registry: r.registry, location: r.replica_location, cost: r.monthly_cost }))).toEqual(
    shown,
  );
  for (const r of records)
    expect(toMicros(r.monthly_unit_cost) + toMicros(r.monthly_storage_cost)).toBe(toMicros(r.monthly_cost));

  await page.getByRole("link", { name: "what-if", exact: true }).first().click();
  await expect(page.getByLabel(/^Replicated registry/)).toHaveValue(shown[0].registry);
  await page.getByLabel("Patterns (comma-separated globs)", { exact: true }).fill("**");
  await page.getByRole("button", { name: "Compute", exact: true }).click();
  await expect(page.getByTestId("what-if-result")).toBeVisible();
  await expect(page.getByTestId("what-if-patterns-used")).toContainText("**");
  await expect(page.getByTestId("what-if-saving-value")).toHaveAttribute("data-cost", /^-?\d+\.\d{6}$/);
  await expect(page.getByTestId("what-if-global")).not.toContainText(" 0 repositories");
});
