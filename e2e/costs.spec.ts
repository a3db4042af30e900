import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseQuotedCsv, toMicros, type CsvRecord } from "./csv";

const COSTS_HEADER = "month,days,subscription_id,registry,sku,cost_kind,quantity,unit,unit_price,cost,currency,pricing_source";
const KINDS = ["unit", "storage", "replication_unit", "replication_storage", "tasks"];

async function downloadCsv(page: Page, testId: string): Promise<{ header: string[]; records: CsvRecord[] }> {
  const downloadEvent = page.waitForEvent("download");
  await page.getByTestId(testId).click();
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
        [...row.querySelectorAll("[data-testid=cost-line]")].map((cell) => [cell.getAttribute("data-kind") ?? "", cell.querySelector("[data-cost]")?.getAttribute("data-cost") ?? ""]),
      ),
    })),
  );
}

test("costs: the page for this month equals costs.csv for the same month, and its registries sum to the total", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Costs" }).click();
  const month = new Date().toISOString().slice(0, 7);
  await expect(page.getByTestId("cost-month")).toHaveAttribute("data-month", month);
  await expect(page.getByTestId("cost-registry-row").first()).toBeVisible();
  await expect(page.getByTestId("pricing-source")).toContainText("read");

  const rows = await readCostRows(page);
  const total = toMicros((await page.getByTestId("cost-total").getAttribute("data-cost")) ?? "");
  expect(rows.reduce((sum, r) => sum + toMicros(r.total), 0n)).toBe(total);
  expect(total).toBeGreaterThan(0n);

  await expect(page.getByTestId("download-costs-csv")).toHaveAttribute("href", `/api/reports/costs.csv?month=${month}`);
  const { header, records } = await downloadCsv(page, "download-costs-csv");
  expect(header.join(",")).toBe(COSTS_HEADER);
  expect(records).toHaveLength(rows.length * KINDS.length);
  for (const row of rows) {
    const own = records.filter((r) => r.registry === row.registry && r.subscription_id === row.subscription);
    expect(own.map((r) => r.cost_kind), row.registry).toEqual(KINDS);
    for (const record of own) {
      expect(record.month).toBe(month);
      expect(record.cost, `${row.registry} ${record.cost_kind}`).toBe(row.lines[record.cost_kind]);
    }
    expect(own.reduce((sum, r) => sum + toMicros(r.cost), 0n)).toBe(toMicros(row.total));
  }
  for (const kind of KINDS) {
    const shown = await page.getByTestId("cost-kind-total").and(page.locator(`[data-kind=${kind}]`)).locator("[data-cost]").getAttribute("data-cost");
    const fromCsv = records.filter((r) => r.cost_kind === kind).reduce((sum, r) => sum + toMicros(r.cost), 0n);
    expect(toMicros(shown ?? ""), kind).toBe(fromCsv);
  }

  const first = rows[0];
  await page.getByTestId("cost-registry-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/costs/${first.registry}\\?month=${month}`));
  await expect(page.getByTestId("registry-costs-name")).toHaveText(first.registry);
  await expect(page.getByTestId("chart-daily-cost").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("registry-cost-total")).toHaveAttribute("data-cost", first.total);
});

test("costs: the repositories page shows each repository's month-to-date storage cost", async ({ page }) => {
  await page.goto("/repositories?sort=attributed&dir=desc");
  await expect(page.getByRole("columnheader", { name: /Monthly storage cost \(MTD\)/ })).toBeVisible();
  const cells = await page.getByTestId("cell-storage-cost").evaluateAll((els) => els.map((el) => el.getAttribute("data-cost")));
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.every((c) => c !== null && /^\d+\.\d{6}$/.test(c))).toBe(true);
});
