import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { CostComparisonPanel } from "@/components/costs/cost-comparison-panel";
import { CostMonthPanels } from "@/components/costs/cost-month-panels";
import { ForecastPanel } from "@/components/forecast/forecast-panel";
import { MonthPicker } from "@/components/ui/month-picker";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel, SkeletonStats } from "@/components/ui/skeleton";
import { getRunningForecast } from "@/lib/forecast/server/get-running-forecast";
import { reviewMonthSchema } from "@/lib/costs/cost-params";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read" });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(reviewMonthSchema, { month: query.month || undefined }));
  if (!parsed.ok) return <QueryProblem title="Costs" problem={parsed.problem} />;
  const { month } = parsed.value;
  return (
    <>
      <div className="page-header">
        <h1>Costs</h1>
        <span className="muted" data-testid="cost-month" data-month={month}>
          {month} · unit, storage, replication and task cost from the daily snapshots
        </span>
      </div>
      <MonthPicker action="/costs" month={month} />
      <Suspense
        key={`month-${month}`}
        fallback={
          <>
            <SkeletonStats count={6} />
            <SkeletonPanel title="By registry" rows={8} />
          </>
        }
      >
        <CostMonthPanels month={month} />
      </Suspense>
      <Suspense key={`compare-${month}`} fallback={<SkeletonPanel title="Against the previous month" rows={8} />}>
        <CostComparisonPanel month={month} />
      </Suspense>
      <Suspense key={`forecast-${month}`} fallback={null}>
        <ForecastPanel forecast={getRunningForecast(month, { access })} />
      </Suspense>
    </>
  );
}
