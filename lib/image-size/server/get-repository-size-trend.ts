/** One repository's image-size series (one per architecture) for its page's chart and table. */
import "server-only";
import type { Access } from "@/lib/auth/access";
import type { TrendSettings } from "@/lib/image-size/image-size";
import { listImageSizeTrends } from "./list-image-size-trends";
import { toSizePointView, type SizePointView } from "../trend-views";

export type RepositorySizeSeries = { architecture: string; points: SizePointView[] };

export async function getRepositorySizeTrend(
  registry: string,
  repository: string,
  settings: TrendSettings,
  access: Access,
): Promise<RepositorySizeSeries[]> {
  const series: RepositorySizeSeries[] = [];
  for await (const s of listImageSizeTrends({ registry, repository }, settings, access)) {
    series.push({ architecture: s.architecture, points: s.points.map(toSizePointView) });
  }
  return series;
}
