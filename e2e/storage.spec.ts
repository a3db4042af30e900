import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseSimpleCsv } from "./csv";

const REPOSITORIES_HEADER =
  "registry,repository,manifest_count,tag_count,untagged_manifest_count,logical_bytes,unique_bytes,attributed_bytes,last_updated_at,monthly_storage_cost";

async function numberIn(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-value"));
}

type PageRow = {
  registry: string;
  repository: string;
  logical: string;
  unique: string;
  attributed: string;
  storageCost: string;
};

async function readRepositoryRows(page: Page): Promise<PageRow[]> {
  return page.getByTestId("repository-row").evaluateAll((rows) =>
    rows.map((row) => ({
      registry: row.getAttribute("data-registry") ?? "",
      repository: row.getAttribute("data-repository") ?? "",
      logical: row.querySelector("[data-testid=cell-logical]")?.getAttribute("data-bytes") ?? "",
      unique: row.querySelector("[data-testid=cell-unique]")?.getAttribute("data-bytes") ?? "",
      attributed: row.querySelector("[data-testid=cell-attributed]")?.getAttribute("data-bytes") ?? "",
      storageCost: row.querySelector("[data-testid=cell-storage-cost]")?.getAttribute("data-cost") ?? "",
    })),
  );
}

test("storage: overview → registry → its repositories sorted by attributed bytes → CSV with the same rows", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByTestId("estate-totals")).toBeVisible();
  // The embedded default: no sign-in, bound to loopback, and every page says so.
  await expect(page.getByRole("status").filter({ hasText: "Local mode" })).toHaveText(
    "Local mode: no sign-in, only this machine can connect.",
  );
  expect(await numberIn(page, "total-registries")).toBeGreaterThan(0);
  expect(await numberIn(page, "total-repositories")).toBeGreaterThan(0);
  expect(Number(await page.getByTestId("total-stored-bytes").getAttribute("data-bytes"))).toBeGreaterThan(0);
  await expect(page.getByTestId("last-sync-status")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("chart-stored-bytes").locator(".recharts-bar-rectangle").first()).toBeVisible();
  // The chart's figures without hovering: a table behind "Show as table", adding up to the estate's stored bytes.
  const storedTable = page.getByRole("table", { name: "Stored bytes by registry" });
  await expect(storedTable).toBeHidden();
  await page.getByTestId("chart-stored-bytes-data").getByText("Show as table").click();
  await expect(storedTable.getByRole("columnheader")).toHaveText(["Registry", "Stored"]);
  const storedBytes = await storedTable
    .locator("[data-bytes]")
    .evaluateAll((cells) => cells.map((c) => BigInt(c.getAttribute("data-bytes") ?? "x")));
  expect(storedBytes.length).toBeGreaterThan(0);
  expect(storedBytes.reduce((a, b) => a + b, 0n)).toBe(
    BigInt((await page.getByTestId("total-stored-bytes").getAttribute("data-bytes")) ?? "x"),
  );

  await page.getByRole("navigation").getByRole("link", { name: "Registries" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registries");
  const firstRegistry = page.getByRole("table", { name: "Registries", exact: true }).getByRole("link").first();
  const registryName = (await firstRegistry.textContent())?.trim() ?? "";
  await firstRegistry.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(registryName);
  await expect(page.getByTestId("registry-sku")).not.toBeEmpty();

  await page.getByRole("link", { name: /repositories →/ }).click();
  await expect(page).toHaveURL(new RegExp(`registry=${registryName}`));
  await expect(page.getByRole("table", { name: "Repositories", exact: true })).toBeVisible();
  await expect(page.getByTestId("repository-row").first()).toBeVisible();

  await page
    .getByRole("columnheader", { name: /Attributed/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=attributed&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Attributed/ })).toHaveAttribute("aria-sort", "descending");
  const rows = await readRepositoryRows(page);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.registry === registryName)).toBe(true);
  const attributed = rows.map((r) => Number(r.attributed));
  expect(attributed).toEqual([...attributed].sort((a, b) => b - a));

  const csvLink = page.getByRole("link", { name: "Download CSV" });
  await expect(csvLink).toHaveAttribute("href", new RegExp(`registry=${registryName}`));
  const downloadEvent = page.waitForEvent("download");
  await csvLink.click();
  const download = await downloadEvent;
  const { header, records } = parseSimpleCsv(await readFile(await download.path(), "utf8"));
  expect(header.join(",")).toBe(REPOSITORIES_HEADER);
  const total = Number(await page.getByTestId("pagination").getAttribute("data-total"));
  expect(records).toHaveLength(total);
  const csvByName = new Map(records.map((r) => [r.repository, r]));
  for (const row of rows) {
    const record = csvByName.get(row.repository);
    expect(record, row.repository).toBeDefined();
    expect(record).toMatchObject({
      registry: registryName,
      logical_bytes: row.logical,
      unique_bytes: row.unique,
      attributed_bytes: row.attributed,
      monthly_storage_cost: row.storageCost,
    });
  }
});

test("sync page shows the first sync and queues a requested sync, which then runs", async ({ page, request }) => {
  await page.goto("/sync");
  await expect(page.getByRole("table", { name: "Sync runs" }).getByTestId("sync-run-row").first()).toBeVisible();
  // The server ran its first sync itself, before serving, and no spec asks for another: the queue is empty.
  await expect(page.getByTestId("sync-live")).toHaveAttribute("data-running", "false");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Sync queued.");
  await expect
    .poll(
      async () =>
        (
          (await (await request.get("/api/sync/status")).json()) as {
            latest: { trigger: string; status: string } | null;
          }
        ).latest,
    )
    .toMatchObject({ trigger: "ui", status: "succeeded" });
});

const UNKNOWN = "doesnotexist00";

// notFound() answers 404 only when it runs before the page starts streaming.
for (const { path, heading } of [
  { path: `/registries/${UNKNOWN}`, heading: "Registry not found" },
  { path: `/registries/${UNKNOWN}/repositories/team/app`, heading: "Repository not found" },
  { path: `/costs/${UNKNOWN}`, heading: "Registry costs not found" },
  { path: `/teams/${UNKNOWN}`, heading: "Team not found" },
]) {
  test(`${path} answers 404 with its not-found page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  });
}

test("a known registry answers 404 for a repository it lacks, and for costs in a month before its first snapshot", async ({
  page,
}) => {
  await page.goto("/registries");
  const registry =
    (
      await page.getByRole("table", { name: "Registries", exact: true }).getByRole("link").first().textContent()
    )?.trim() ?? "";
  expect(registry).not.toBe("");

  const repository = await page.goto(`/registries/${registry}/repositories/${UNKNOWN}/app`);
  expect(repository?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Repository not found");

  const costs = await page.goto(`/costs/${registry}?month=2000-01`);
  expect(costs?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registry costs not found");
});
