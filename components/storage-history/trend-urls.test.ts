import { describe, expect, it } from "vitest";
import { repositoryHref } from "@/components/storage/repository-urls";
import { imageSizeTrendsCsvHref } from "./trend-urls";

describe("trend URLs", () => {
  it("keeps a nested repository name as path segments, each encoded", () => {
    expect(repositoryHref("contosoprod", "team/app/jobs")).toBe("/registries/contosoprod/repositories/team/app/jobs");
    expect(repositoryHref("r", "a b/c#d")).toBe("/registries/r/repositories/a%20b/c%23d");
  });

  it("carries only the options given to the CSV", () => {
    expect(imageSizeTrendsCsvHref({})).toBe("/api/reports/image-size-trends.csv");
    expect(
      imageSizeTrendsCsvHref({ registry: "r", repository: "team/app", baseline: "median:5", maxGrowth: "10%" }),
    ).toBe("/api/reports/image-size-trends.csv?registry=r&repository=team%2Fapp&baseline=median%3A5&max-growth=10%25");
  });
});
