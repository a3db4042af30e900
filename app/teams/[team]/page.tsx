import { authorizePage } from "@/lib/auth/server/authorize-page";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { TeamAnomaliesPanel } from "@/components/anomalies/team-anomalies-panel";
import { TeamBudgetLine } from "@/components/budgets/team-budget-line";
import { MonthPicker } from "@/components/ui/month-picker";
import { TeamHeader } from "@/components/chargeback/team-header";
import { TeamRepositoriesTable } from "@/components/chargeback/team-repositories-table";
import { TeamStalePanel } from "@/components/chargeback/team-stale-panel";
import { TeamStorageTrend } from "@/components/chargeback/team-storage-trend";
import { TeamSummary } from "@/components/chargeback/team-summary";
import { TeamTrendPanel } from "@/components/chargeback/team-trend-panel";
import { teamHref } from "@/components/chargeback/team-urls";
import { QueryProblem } from "@/components/ui/query-problem";
import { SkeletonPanel } from "@/components/ui/skeleton";
import { monthSchema } from "@/lib/validation";
import { getTeamDetail } from "@/lib/chargeback/server/get-team-detail";
import { getTeamBudget } from "@/lib/budgets/server/get-team-budget";
import { decodeSegment, firstValues, parseInput, parseQuery, type UrlSearchParams } from "@/lib/validation";

type Props = { params: Promise<{ team: string }>; searchParams: Promise<UrlSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Team ${decodeSegment((await params).team)}` };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const { access } = await authorizePage({ action: "read", teamScoped: true });
  const team = decodeSegment((await params).team);
  const query = firstValues(await searchParams);
  const parsed = parseQuery(() => parseInput(monthSchema.optional(), query.month || undefined));
  if (!parsed.ok) return <QueryProblem title={team} problem={parsed.problem} />;
  const month = parsed.value;
  const detail = await getTeamDetail(team, month, { access });
  if (!detail) notFound();
  return (
    <>
      <TeamHeader detail={detail} />
      <MonthPicker action={teamHref(detail.team)} month={detail.month} />
      <TeamSummary detail={detail} />
      <Suspense fallback={null}>
        <TeamBudgetLine budget={getTeamBudget(detail.team, detail.month, { access })} />
      </Suspense>
      <div className="grid-2">
        <TeamTrendPanel detail={detail} />
        <TeamStalePanel team={detail.team} cleanup={detail.cleanup} />
      </div>
      <TeamStorageTrend detail={detail} access={access} />
      <Suspense fallback={<SkeletonPanel title="Anomalies" rows={3} />}>
        <TeamAnomaliesPanel team={detail.team} month={detail.month} access={access} />
      </Suspense>
      <TeamRepositoriesTable detail={detail} />
    </>
  );
}
