import { getCostMonth } from "@/lib/costs/server/get-cost-month";
import { CostRegistriesTable } from "./cost-registries-table";
import { CostTotals } from "./cost-totals";
import { PricingNote } from "./pricing-note";

/** Total, kinds and registries come from one load, so they always add up to each other. */
export async function CostMonthPanels({ month, today }: { month: string; today?: string }) {
  const summary = await getCostMonth({ month, today });
  return (
    <>
      <CostTotals summary={summary} />
      <PricingNote pricing={summary.pricing} />
      <CostRegistriesTable summary={summary} />
    </>
  );
}
