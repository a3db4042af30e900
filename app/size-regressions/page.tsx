import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { imageSizeTrendsCsvHref } from "@/components/storage-history/trend-urls";
import { SizeRegressionsTable } from "@/components/image-size/size-regressions-table";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatBaseline, formatMaxGrowth } from "@/lib/image-size/settings";
import { trendSettingsFromQuery } from "@/lib/image-size/trend-params";
import { firstValues, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Size regressions" };

export default async function SizeRegressionsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => trendSettingsFromQuery(query));
  if (!parsed.ok) return <QueryProblem title="Size regressions" problem={parsed.problem} />;
  const settings = parsed.value;
  const baseline = formatBaseline(settings.baseline);
  const maxGrowth = formatMaxGrowth(settings.maxGrowth);
  return (
    <>
      <div className="page-header">
        <h1>Size regressions</h1>
        <span className="muted">
          Repositories whose newest image (per architecture) is more than {maxGrowth} larger than its baseline (
          {baseline}); config + layers.
        </span>
        <a href={imageSizeTrendsCsvHref({ baseline, maxGrowth })} data-testid="download-csv">
          CSV (every image)
        </a>
      </div>
      <Suspense key={`${baseline}${maxGrowth}`} fallback={<SkeletonRows rows={5} />}>
        <SizeRegressionsTable settings={settings} access={access} />
      </Suspense>
    </>
  );
}
