import { expect, test } from "@playwright/test";
import { parseSimpleCsv } from "./csv";

const HEADER = "registry,repository,architecture,digest,created_at,size_bytes,baseline_bytes,growth_pct,flagged";

test("size regressions → the repository's size chart plots every image of its CSV, the regression flagged; the gate fails it", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await page.getByTestId("nav").getByRole("link", { name: "Size regressions" }).click();
  const regression = page
    .getByRole("table", { name: "Repositories whose newest image grew past the threshold, per architecture" })
    .getByTestId("size-regression-row");
  await expect(regression).toHaveCount(1);
  const digest = (await regression.getAttribute("data-digest")) ?? "";
  const repository = (await regression.getAttribute("data-repository")) ?? "";
  await regression.getByRole("link", { name: repository }).click();
  await expect(page.getByTestId("repository-name")).toHaveText(repository);

  const points = page.getByTestId("size-point");
  await expect(points.first()).toBeVisible();
  const plotted = await points.evaluateAll((nodes) =>
    nodes.map((n) =>
      [
        n.getAttribute("data-architecture"),
        n.getAttribute("data-digest"),
        n.getAttribute("data-size-bytes"),
        n.getAttribute("data-flagged"),
      ].join(","),
    ),
  );

  const csvHref = (await page.getByTestId("image-size-csv").getAttribute("href")) ?? "";
  const csv = await request.get(csvHref);
  expect(csv.status()).toBe(200);
  const { header, records } = parseSimpleCsv(await csv.text());
  expect(header.join(",")).toBe(HEADER);
  expect(records.length).toBeGreaterThan(5);
  expect(records.every((r) => r.repository === repository)).toBe(true);
  expect(plotted.sort()).toEqual(
    records.map((r) => [r.architecture, r.digest, r.size_bytes, r.flagged].join(",")).sort(),
  );
  expect(records.filter((r) => r.flagged === "true").map((r) => r.digest)).toEqual([digest]);
  await expect(page.locator(`[data-testid=size-point][data-flagged=true]`)).toHaveAttribute("data-digest", digest);
  const newest = page.getByRole("table", { name: "Newest images with their size, baseline and growth" });
  await expect(newest.getByTestId("image-size-row").first()).toHaveAttribute("data-flagged", "true");

  // The same page shows the repository's digest trail; its CSV holds the same rows' tags.
  const trail = page.getByTestId("recent-tag-moves").getByTestId("tag-history-row");
  await expect(trail.first()).toBeVisible();
  const trailCsv = await request.get((await page.getByTestId("tag-history-csv").getAttribute("href")) ?? "");
  expect(trailCsv.status()).toBe(200);
  const trailRows = parseSimpleCsv(await trailCsv.text());
  expect(trailRows.header.join(",")).toBe("registry,repository,tag,digest,seen_from,seen_to");
  expect(trailRows.records.every((r) => r.repository === repository)).toBe(true);
  expect(trailRows.records.length).toBeGreaterThanOrEqual(await trail.count());

  const image = `${(await page.getByTestId("repository-image").textContent())?.trim()}@${digest}`;
  const gate = await request.get(`/api/gate?image=${encodeURIComponent(image)}&maxGrowth=10%25`);
  expect(gate.status()).toBe(200);
  const verdict = await gate.json();
  expect(verdict).toMatchObject({ verdict: "fail", digest, platforms: [{ digest, verdict: "fail" }] });
  expect((await request.get(`/api/gate?image=${encodeURIComponent(image)}&maxGrowth=lots`)).status()).toBe(422);
});
