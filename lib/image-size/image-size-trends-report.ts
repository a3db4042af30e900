import { listImageSizeTrends } from "@/lib/image-size/server/list-image-size-trends";
import { trendFilterSchema, trendSettingsSchema } from "@/lib/image-size/trend-params";
import { toSizePointView } from "@/lib/image-size/trend-views";
import { defineReport } from "../reports/define-report";

export const imageSizeTrendsReport = defineReport({
  name: "image-size-trends",
  teamScoped: true,
  description:
    "Image size per build (config + layers) per repository and architecture, with its baseline, growth and the regression flag",
  columns: [
    "registry",
    "repository",
    "architecture",
    "digest",
    "created_at",
    "size_bytes",
    "baseline_bytes",
    "growth_pct",
    "flagged",
  ],
  options: trendFilterSchema.extend(trendSettingsSchema.shape),
  optionDescriptions: {
    registry: "only this registry (exact name)",
    repository: "only this repository (exact name)",
    maxGrowth: "growth above this is flagged: 10% (default) or 10; a bare number is percent",
    baseline: "median:N (median of the previous N images, default median:5) or previous",
  },
  async *rows({ registry, repository, maxGrowth, baseline }, access) {
    for await (const series of listImageSizeTrends({ registry, repository }, { maxGrowth, baseline }, access)) {
      for (const point of series.points) {
        const p = toSizePointView(point);
        yield {
          registry: series.registry,
          repository: series.repository,
          architecture: series.architecture,
          digest: p.digest,
          created_at: p.createdAt,
          size_bytes: p.sizeBytes,
          baseline_bytes: p.baselineBytes,
          // A number, not text: the CSV writer would quote a leading minus as a formula guard.
          growth_pct: p.growthPct === null ? null : Number(p.growthPct),
          flagged: p.flagged,
        };
      }
    }
  },
});
