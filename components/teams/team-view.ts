/** PROVISIONAL: the team page's shapes until lib/queries/chargeback/get-team-detail lands; then its types replace these. */
import type { CostKind } from "@/lib/domain/cost/types";

type MicrosString = string;
export type TeamRepositoryView = { registry: string; repository: string; attributedBytes: number; costMicros: MicrosString };
export type TeamTrendMonth = { month: string; byKind: { kind: CostKind; micros: MicrosString }[]; totalMicros: MicrosString };
export type TeamStaleRegistry = { registry: string; tagsDeleted: number; manifestsDeleted: number; reclaimableBytes: number };
export type TeamDetailView = {
  team: string;
  costCenter: string;
  contacts: string[];
  declared: boolean;
  month: string;
  currency: string;
  totalMicros: MicrosString;
  attributedBytes: number;
  byKind: { kind: CostKind; micros: MicrosString }[];
  repositories: TeamRepositoryView[];
  trend: TeamTrendMonth[];
  stale: { asOf: string; tagsDeleted: number; reclaimableBytes: number; byRegistry: TeamStaleRegistry[] };
};
