import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/database/embedded";
import { E2E_DATA_DIR } from "../playwright.config";

test("stale policy: a bad value is named and nothing typed is lost; fixed, it is saved and exported as saved", async ({
  page,
  request,
}) => {
  await page.goto("/stale/policy");
  await page.getByTestId("policy-reset").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Reset");
  await expect(page.getByTestId("policy-source")).toHaveAttribute("data-source", "default");

  const bad =
    '{"olderThanDays": -3, "keepLatest": 2, "overrides": [{"registry": "*", "repository": "team-a/**", "keepLatest": 9}]}';
  await page.getByTestId("policy-text").fill(bad);
  await page.getByTestId("policy-save").click();
  await expect(page.getByTestId("policy-error")).toHaveText(["olderThanDays: must not be negative"]);
  await expect(page.getByTestId("policy-text")).toHaveValue(bad);
  await expect(page.getByTestId("policy-source")).toHaveAttribute("data-source", "default");

  await page.getByTestId("policy-text").fill(bad.replace("-3", "30"));
  await page.getByTestId("policy-save").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Saved");
  await expect(page.getByTestId("policy-errors")).toHaveCount(0);
  await expect(page.getByTestId("policy-source")).toHaveAttribute("data-source", "stored");
  const saved = await page.getByTestId("policy-text").inputValue();
  expect(JSON.parse(saved)).toMatchObject({
    olderThanDays: 30,
    keepLatest: 2,
    overrides: [{ registry: "*", repository: "team-a/**", keepLatest: 9 }],
  });

  const downloadEvent = page.waitForEvent("download");
  await page.getByTestId("policy-export").click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe("stale-policy.json");
  expect(await readFile(await download.path(), "utf8")).toBe(saved);

  // Importing a bad file keeps the stored policy and the editor's text; the API import answers 422 the same way.
  await page
    .getByTestId("policy-file")
    .setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"keepLatest": "many"}') });
  await page.getByTestId("policy-import").click();
  await expect(page.getByTestId("policy-error")).toHaveText(["bad.json: keepLatest: must be a whole number"]);
  await expect(page.getByTestId("policy-text")).toHaveValue(saved);
  const rejected = await request.put("/api/stale/policy", {
    data: '{"untaggedOlderThanDays": 1.5}',
    headers: { "Content-Type": "application/json" },
  });
  expect(rejected.status()).toBe(422);
  expect((await rejected.json()).message).toContain("untaggedOlderThanDays: must be a whole number of days");
  expect(await (await request.get("/api/stale/policy")).text()).toBe(saved);
});

test("a stored policy edited by hand into an invalid one: /stale names the bad field and links to the editor, where it is fixed", async ({
  page,
  request,
}) => {
  // The app's own embedded PostgreSQL (reused, not started: the app runs it), as a hand edit would reach it.
  const server = await startEmbeddedPostgres({ dataDir: E2E_DATA_DIR });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(
      "INSERT INTO stale_policy (id, document, updated_at) VALUES (1, $1, now()) ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document",
      ['{"keepLatest": "many"}'],
    );
  } finally {
    await client.end();
    await server.stop();
  }

  await page.goto("/stale");
  await expect(page.getByTestId("stale-policy-invalid")).toBeVisible();
  await expect(page.getByTestId("stale-policy-problem")).toHaveText(["keepLatest: must be a whole number"]);
  await expect(page.getByTestId("stale-totals")).toHaveCount(0);
  const csv = await request.get("/api/reports/cleanup-plan.csv");
  expect(csv.status()).toBe(422);
  expect((await csv.json()).message).toContain("keepLatest: must be a whole number");

  await page.getByTestId("stale-policy-fix").click();
  await expect(page).toHaveURL(/\/stale\/policy$/);
  await expect(page.getByTestId("policy-error")).toHaveText(["keepLatest: must be a whole number"]);
  await expect(page.getByTestId("policy-text")).toHaveValue('{"keepLatest": "many"}');
  await page.getByTestId("policy-reset").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Reset");
  await page.goto("/stale");
  await expect(page.getByTestId("stale-totals")).toBeVisible();
  expect((await request.get("/api/reports/cleanup-plan.csv")).status()).toBe(200);
});
