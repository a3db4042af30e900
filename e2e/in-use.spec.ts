import { expect, test } from "@playwright/test";

type ImportJson = {
  name: string;
  sourceKind: string;
  subscriptionId: string | null;
  importedAt: string;
  images: number;
  references: number;
  resources: number;
};

test("in-use images: the first sync's Azure apps are listed on the stale tags page and by GET /api/in-use", async ({
  page,
  request,
}) => {
  const response = await request.get("/api/in-use");
  expect(response.status()).toBe(200);
  const { imports } = (await response.json()) as { imports: ImportJson[] };
  const azure = imports.filter((i) => i.sourceKind.startsWith("azure-"));
  // The built-in simulator's small estate: 2 subscriptions, each with Container Apps and App Service sites.
  expect(new Set(azure.map((i) => i.sourceKind))).toEqual(new Set(["azure-container-apps", "azure-app-service"]));
  expect(new Set(azure.map((i) => i.subscriptionId)).size).toBe(2);
  for (const i of azure) {
    expect(i.name).toBe(`${i.sourceKind}/${i.subscriptionId}`);
    expect(i.images).toBeGreaterThan(0);
    expect(i.resources).toBeGreaterThan(0);
  }

  await page.goto("/stale");
  const rows = page.getByRole("table", { name: "In-use image imports" }).getByTestId("in-use-import-row");
  await expect(rows).toHaveCount(imports.length);
  for (const i of azure) {
    const row = page.locator(`[data-testid=in-use-import-row][data-name="${i.name}"]`);
    await expect(row).toHaveAttribute("data-source", i.sourceKind);
    await expect(row).toContainText(i.subscriptionId ?? "");
    await expect(row.locator("td").nth(3).locator("[data-value]")).toHaveAttribute("data-value", String(i.images));
  }
});
