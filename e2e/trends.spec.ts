import { expect, test } from "@playwright/test";

test("trends: storage per registry and counts over time render with points, a repository can be picked", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Trends" }).click();
  const storage = page.getByTestId("chart-registry-bytes");
  await expect(storage.locator(".recharts-line-curve").first()).toBeVisible();
  const points = Number(await storage.getAttribute("data-points"));
  // The first start replays the simulator's history, one snapshot a day.
  expect(points).toBeGreaterThan(1);
  await expect(page.getByTestId("chart-registry-counts").locator(".recharts-line-curve")).toHaveCount(2);
  // The chart's figures without hovering: one row a day, one exact byte count per registry.
  await page.getByTestId("chart-registry-bytes-data").getByText("Show as table").click();
  const storageTable = page.getByRole("table", { name: "Attributed bytes per registry and day" });
  await expect(storageTable.getByRole("columnheader").first()).toHaveText("Day");
  await expect(storageTable.getByRole("rowheader")).toHaveCount(points);
  expect(await storageTable.getByRole("columnheader").count()).toBeGreaterThan(1);

  const repositorySelect = page.getByLabel(/^Repository/);
  const option = await repositorySelect.locator("option").nth(1).getAttribute("value");
  expect(option).toBeTruthy();
  await repositorySelect.selectOption(option!);
  await page.getByLabel(/^Range/).selectOption("1y");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/range=1y/);
  const repository = page.getByTestId("chart-repository-bytes");
  await expect(repository.locator(".recharts-area-area").first()).toBeVisible();
  expect(Number(await repository.getAttribute("data-points"))).toBeGreaterThan(0);
});

test("trends: the first start shows the demo's whole replayed history, one snapshot a day", async ({ page }) => {
  // npm start replays SIMULATOR_HISTORY_DAYS (default 180) simulated days before it serves.
  const days = Number(process.env.SIMULATOR_HISTORY_DAYS ?? 180);
  await page.goto("/trends?range=1y");
  const storage = page.getByTestId("chart-registry-bytes");
  await expect(storage.locator(".recharts-line-curve").first()).toBeVisible();
  expect(Number(await storage.getAttribute("data-points"))).toBeGreaterThanOrEqual(days + 1);
});

test("trends: a registry with no snapshots shows the empty state", async ({ page }) => {
  await page.goto("/trends?registry=no-such-registry&range=90d");
  await expect(page.getByTestId("trends-registry-storage")).toContainText("No snapshot between");
  await expect(page.getByTestId("trends-repository")).toContainText("Pick a repository");
});
