import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { Suspense } from "react";
import { BudgetsPanel } from "@/components/budgets/budgets-panel";
import { ChargebackControls } from "@/components/chargeback/chargeback-controls";
import { ForecastPanel } from "@/components/forecast/forecast-panel";
import { ChargebackMonthPanels } from "@/components/chargeback/chargeback-month-panels";
import { chargebackPageSchema } from "@/components/chargeback/chargeback-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel, SkeletonStats } from "@/components/ui/skeleton";
import { listTeamBudgets } from "@/lib/budgets/server/list-team-budgets";
import { currentUtcDay } from "@/lib/calendar";
import { getChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import { getRunningForecast } from "@/lib/forecast/server/get-running-forecast";
import { firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

export const metadata: Metadata = { title: "Chargeback" };

export default async function ChargebackPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() =>
    parseInput(chargebackPageSchema, { month: query.month || undefined, scale: query.scale, rules: query.rules }),
  );
  if (!parsed.ok) return <QueryProblem title="Chargeback" problem={parsed.problem} />;
  const state = parsed.value;
  const month = getChargebackMonth(state.month, {
    access,
    scaleToBilled: state.scale,
    rules: state.currentRules ? "current" : undefined,
  });
  const today = currentUtcDay();
  const budgets = listTeamBudgets(state.month, { access, today });
  const forecast = getRunningForecast(state.month, { access, today });
  return (
    <>
      <div className="page-header">
        <h1>Chargeback</h1>
        <span
          className="muted"
          data-testid="chargeback-month"
          data-month={state.month}
          data-scale={state.scale ? "billed" : "estimated"}
        >
          {state.month} · every registry&apos;s cost split across teams by the ownership rules; teams sum exactly to
          each registry
        </span>
      </div>
      <ChargebackControls state={state} />
      <Suspense
        key={`${state.month}-${state.scale}-${state.currentRules === true}`}
        fallback={
          <>
            <SkeletonStats count={6} />
            <SkeletonPanel title="By team" rows={8} />
          </>
        }
      >
        <ChargebackMonthPanels month={month} />
      </Suspense>
      <Suspense key={`budgets-${state.month}`} fallback={<SkeletonPanel title="Budgets" rows={3} />}>
        <BudgetsPanel budgets={budgets} />
      </Suspense>
      <Suspense key={`forecast-${state.month}`} fallback={null}>
        <ForecastPanel forecast={forecast} />
      </Suspense>
    </>
  );
}
