import { expect, test } from "@playwright/test";

/**
 * The demo's history (SIMULATOR_HISTORY_DAYS of daily syncs) passes the simulator's planted
 * anomaly: on the 3rd of every month one repository receives a multi-GiB offline bundle tagged
 * `bundle-YYYYMMDD`. Each replayed sync evaluates its day, so the jump is on the Findings page,
 * and on the page of the team that owns the repository, with the push that caused it.
 */
test("anomalies: the planted bundle's jump is listed on Findings and on its team's page, with its push", async ({
  page,
}) => {
  await page.goto("/findings");
  const planted = page
    .getByTestId("alert-row")
    .and(page.locator('[data-kind="anomaly"][data-subject="repository"]'))
    .filter({ hasText: /grew .* on \d{4}-\d{2}-03 .*:bundle-\d{8}/ });
  await expect(planted.first()).toBeVisible();
  const summary = (await planted.first().locator("td.message").textContent()) ?? "";
  const [, repository, day] = /^(\S+) grew .* on (\d{4}-\d{2}-03) /.exec(summary) ?? [];
  expect(repository, summary).toBeTruthy();
  expect(summary).toContain(`:bundle-${day.replaceAll("-", "")}`);

  await planted.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/teams/[^?]+\\?month=${day.slice(0, 7)}`));
  const row = page.getByTestId("team-anomaly-row").and(page.locator(`[data-subject="repository"][data-day="${day}"]`));
  await expect(row).toHaveCount(1);
  expect(`${await row.getAttribute("data-repository")}`).toBe(repository.split("/").slice(1).join("/"));
  await expect(row.getByTestId("team-anomaly-cause").first()).toContainText(`bundle-${day.replaceAll("-", "")}`);
});
