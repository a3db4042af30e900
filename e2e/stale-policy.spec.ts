import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("stale policy: a bad value is named and nothing typed is lost; fixed, it is saved and exported as saved", async ({ page, request }) => {
  await page.goto("/stale/policy");
  await page.getByTestId("policy-reset").click();
  await expect(page.getByTestId("policy-saved")).toContainText("Reset");
  await expect(page.getByTestId("policy-source")).toHaveAttribute("data-source", "default");

  const bad = '{"olderThanDays": -3, "keepLatest": 2, "overrides": [{"registry": "*", "repository": "team-a/**", "keepLatest": 9}]}';
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
  expect(JSON.parse(saved)).toMatchObject({ olderThanDays: 30, keepLatest: 2, overrides: [{ registry: "*", repository: "team-a/**", keepLatest: 9 }] });

  const downloadEvent = page.waitForEvent("download");
  await page.getByTestId("policy-export").click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe("stale-policy.json");
  expect(await readFile(await download.path(), "utf8")).toBe(saved);

  // Importing a bad file keeps the stored policy and the editor's text; the API import answers 422 the same way.
  await page.getByTestId("policy-file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"keepLatest": "many"}') });
  await page.getByTestId("policy-import").click();
  await expect(page.getByTestId("policy-error")).toHaveText(["bad.json: keepLatest: must be a whole number"]);
  await expect(page.getByTestId("policy-text")).toHaveValue(saved);
  const rejected = await request.put("/api/stale/policy", { data: '{"untaggedOlderThanDays": 1.5}' });
  expect(rejected.status()).toBe(422);
  expect((await rejected.json()).message).toContain("untaggedOlderThanDays: must be a whole number of days");
  expect(await (await request.get("/api/stale/policy")).text()).toBe(saved);
});
