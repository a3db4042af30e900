/**
 * The team page's whole server read, as app/teams/[team]/page.tsx awaits it: the team's detail
 * (six months, its repositories, its cleanup part) first, then together its budget line, its
 * storage over 180 days and its anomalies. Milliseconds per part (from the page's start) and for
 * the page. Import it after scripts/server-only-hook.
 */
import type { Access } from "../../lib/auth/access";
import { getTeamBudget } from "../../lib/budgets/server/get-team-budget";
import { getTeamDetail } from "../../lib/chargeback/server/get-team-detail";
import { listTeamAnomalies } from "../../lib/anomalies/server/list-team-anomalies";
import { listRepositoryStorageSeries } from "../../lib/storage-history/server/list-repository-storage-series";

export type TeamPageTimes = { detail: number; budget: number; storage: number; anomalies: number; page: number };

export async function readTeamPage(
  team: string,
  month: string | undefined,
  options: { access: Access; today?: string },
): Promise<TeamPageTimes> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const detail = await getTeamDetail(team, month, options);
  if (!detail) throw new Error(`the team ${team} is not known here`);
  const times = { detail: since(), budget: 0, storage: 0, anomalies: 0 };
  const repositories = detail.repositories.map((r) => ({ registry: r.registry, repository: r.repository }));
  await Promise.all([
    getTeamBudget(detail.team, detail.month, options).then(() => (times.budget = since())),
    listRepositoryStorageSeries({ range: "180d", repositories }, options.access).then(() => (times.storage = since())),
    listTeamAnomalies(detail.team, detail.month, options).then(() => (times.anomalies = since())),
  ]);
  return { ...times, page: since() };
}
