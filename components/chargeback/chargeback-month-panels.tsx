import type { ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import { ChargebackComparisonPanel } from "./chargeback-comparison-panel";
import { ChargebackRegistriesPanel } from "./chargeback-registries-panel";
import { ChargebackRulesNote } from "./chargeback-rules-note";
import { ChargebackTeamsPanel } from "./chargeback-teams-panel";
import { ChargebackTotals } from "./chargeback-totals";

/** Every panel of the review from ONE allocation, so total, teams, registries, kinds and the CSV agree. */
export async function ChargebackMonthPanels({ month }: { month: Promise<ChargebackMonth> }) {
  const view = await month;
  return (
    <>
      <ChargebackRulesNote view={view} />
      <ChargebackTotals view={view} />
      <ChargebackTeamsPanel view={view} />
      <ChargebackRegistriesPanel view={view} />
      <ChargebackComparisonPanel view={view} />
    </>
  );
}
