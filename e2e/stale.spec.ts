import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseQuotedCsv } from "./csv";

const PLAN_HEADER = "registry,repository,digest,tags,action,reason,last_updated_at,size_bytes";

async function value(page: Page, testId: string, attribute = "data-value"): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute(attribute));
}

test("stale tags: the page's totals equal cleanup-plan.csv and the script for the same as-of, and the items filter", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Stale tags" }).click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByTestId("stale-as-of")).toHaveAttribute("data-as-of", today);
  await expect(page.getByTestId("stale-totals")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit policy" })).toHaveAttribute("href", "/stale/policy");
  const policy = (await page.getByTestId("stale-policy-summary").getAttribute("data-policy")) ?? "";
  expect(JSON.parse(policy)).toHaveProperty("olderThanDays");

  const csvLink = page.getByRole("link", { name: /^Download CSV/ });
  const csvHref = (await csvLink.getAttribute("href")) ?? "";
  const csvUrl = new URL(csvHref, "http://x");
  expect(csvUrl.pathname).toBe("/api/reports/cleanup-plan.csv");
  expect(csvUrl.searchParams.get("as-of")).toBe(today);
  expect(csvUrl.searchParams.get("policy")).toBe(policy);

  const downloadEvent = page.waitForEvent("download");
  await csvLink.click();
  const { header, records } = parseQuotedCsv(await readFile(await (await downloadEvent).path(), "utf8"));
  expect(header.join(",")).toBe(PLAN_HEADER);
  const rows = (action: string) => records.filter((r) => r.action === action);
  const tagCount = (action: string) =>
    rows(action).reduce((sum, r) => sum + (r.tags === "" ? 0 : r.tags.split(" ").length), 0);

  const deletes = await value(page, "total-manifests-deleted");
  expect(deletes).toBe(rows("delete").length);
  expect(deletes).toBeGreaterThan(0);
  expect(await value(page, "total-untag-rows")).toBe(rows("untag").length);
  expect(await value(page, "total-keep-rows")).toBe(rows("keep").length);
  expect(await value(page, "total-tags-deleted")).toBe(tagCount("delete"));
  expect(await value(page, "total-tags-untagged")).toBe(tagCount("untag"));
  expect(await value(page, "total-tags-kept")).toBe(tagCount("keep"));

  // Per registry: counts from the CSV, bytes summing to the script header's exact "Expected bytes freed".
  const registries = await page
    .getByRole("table", { name: "Cleanup plan by registry" })
    .getByTestId("stale-registry-row")
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        registry: tr.getAttribute("data-registry") ?? "",
        deleted: Number(tr.querySelector("[data-testid=registry-manifests-deleted]")?.getAttribute("data-value")),
        bytes: BigInt(tr.querySelector("[data-testid=registry-reclaimable-bytes]")?.getAttribute("data-bytes") ?? "x"),
        saving: tr.querySelector("[data-testid=registry-monthly-saving]")?.getAttribute("data-cost") ?? "",
      })),
    );
  expect(registries.length).toBeGreaterThan(0);
  for (const r of registries)
    expect(r.deleted, r.registry).toBe(rows("delete").filter((c) => c.registry === r.registry).length);
  expect(new Set(records.map((r) => r.registry)).size).toBeLessThanOrEqual(registries.length);
  const script = await request.get(
    (await page.getByRole("link", { name: "Download script" }).getAttribute("href")) ?? "",
  );
  expect(script.status()).toBe(200);
  const scriptText = await script.text();
  const freed = /^# Expected bytes freed: (\d+) bytes/m.exec(scriptText);
  expect(freed).not.toBeNull();
  const pageBytes = registries.reduce((sum, r) => sum + r.bytes, 0n);
  expect(pageBytes).toBe(BigInt(freed?.[1] ?? "x"));
  expect(BigInt((await page.getByTestId("total-reclaimable-bytes").getAttribute("data-bytes")) ?? "x")).toBe(pageBytes);
  expect(scriptText).toContain(`# As of: ${today}T23:59:59.999Z`);
  expect(scriptText).toContain(`${deletes} manifests deleted`);
  const savingTotal = registries.reduce((sum, r) => sum + BigInt(r.saving.replace(".", "")), 0n);
  expect(
    BigInt(((await page.getByTestId("total-monthly-saving").getAttribute("data-cost")) ?? "x").replace(".", "")),
  ).toBe(savingTotal);

  // The items filter: only delete rows of one registry, as many as the CSV has; the URL carries it.
  const registry = rows("delete")[0].registry;
  await page.getByLabel(/^Registry/).selectOption(registry);
  await page.getByLabel(/^Action/).selectOption("delete");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(/action=delete/);
  await expect(page).toHaveURL(new RegExp(`as-of=${today}`));
  const expected = rows("delete").filter((r) => r.registry === registry);
  const items = page.getByRole("table", { name: "Manifests and tags the cleanup plan deletes or untags" });
  await expect(items).toHaveAttribute("data-total", String(expected.length));
  const shown = await page
    .getByTestId("stale-item-row")
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute("data-registry"),
        tr.getAttribute("data-action"),
        tr.getAttribute("data-digest"),
      ]),
    );
  expect(shown.length).toBe(Math.min(50, expected.length));
  expect(shown).toEqual(expected.slice(0, 50).map((r) => [registry, "delete", r.digest]));
  // Totals stay the whole plan's whatever the item filters.
  expect(await value(page, "total-manifests-deleted")).toBe(deletes);

  // The reason filter joins them; the CSV link carries the same filters and holds exactly these items.
  const reason = expected[0].reason.split(":")[0];
  await page.getByLabel(/^Reason/).selectOption(reason);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`reason=${reason}`));
  const byReason = expected.filter((r) => r.reason.startsWith(`${reason}:`));
  await expect(items).toHaveAttribute("data-total", String(byReason.length));
  const codes = await page
    .getByTestId("stale-item-row")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-reason-code")));
  expect(new Set(codes)).toEqual(new Set([reason]));
  const filteredCsv = page.getByRole("link", { name: "Download CSV (filtered items)" });
  await expect(filteredCsv).toHaveAttribute("data-filtered", "true");
  const filteredUrl = new URL((await filteredCsv.getAttribute("href")) ?? "", "http://x");
  expect([
    filteredUrl.searchParams.get("registry"),
    filteredUrl.searchParams.get("action"),
    filteredUrl.searchParams.get("reason"),
  ]).toEqual([registry, "delete", reason]);
  const filtered = parseQuotedCsv(await (await request.get(`${filteredUrl.pathname}${filteredUrl.search}`)).text());
  expect(filtered.records.map((r) => r.digest)).toEqual(byReason.map((r) => r.digest));
});
