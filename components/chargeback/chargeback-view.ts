/** PROVISIONAL: the shapes the monthly review shows, until lib/queries/chargeback lands; then these become its types. */
import type { CostKind } from "@/lib/domain/cost/types";

export type MicrosString = string;
export type KindMicros = { kind: CostKind; micros: MicrosString };
export type ChargebackRepositoryView = { repository: string | null; attributedBytes: number; storageMicros: MicrosString };
export type ChargebackTeamRegistryView = { registry: string; totalMicros: MicrosString; byKind: KindMicros[]; repositories: ChargebackRepositoryView[] };
export type ChargebackTeamView = {
  team: string;
  costCenter: string;
  totalMicros: MicrosString;
  previousMicros: MicrosString;
  deltaMicros: MicrosString;
  byKind: KindMicros[];
  registries: ChargebackTeamRegistryView[];
};
export type ChargebackRegistryView = { registry: string; subscriptionId: string; estimatedMicros: MicrosString; billedMicros: MicrosString | null; shownMicros: MicrosString };
export type ChargebackMover = { team: string; previousMicros: MicrosString; currentMicros: MicrosString; deltaMicros: MicrosString };
export type ChargebackMonthView = {
  month: string;
  previousMonth: string;
  currency: string;
  coveredUntil: string;
  scaled: boolean;
  totalMicros: MicrosString;
  previousTotalMicros: MicrosString;
  deltaMicros: MicrosString;
  byKind: (KindMicros & { previousMicros: MicrosString })[];
  teams: ChargebackTeamView[];
  registries: ChargebackRegistryView[];
  movers: ChargebackMover[];
};
