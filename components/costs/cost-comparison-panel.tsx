import { compareCostMonths } from "@/lib/costs/server/compare-cost-months";
import { registryCostsHref } from "./cost-urls";
import { MonthComparison } from "./month-comparison";

/** The month against the previous one (a running month against the same days): totals, kinds, and the registries that moved most. */
export async function CostComparisonPanel({ month }: { month: string }) {
  const c = await compareCostMonths({ month });
  return (
    <MonthComparison
      testId="cost-comparison"
      compared={c.compared}
      currency={c.currency}
      total={c}
      byKind={c.byKind}
      movers={c.movers.map((m) => ({
        ...m,
        key: `${m.subscriptionId}/${m.name}`,
        label: m.name,
        href: registryCostsHref(m.name, c.month),
        data: { "data-registry": m.name },
      }))}
      ids={{ delta: "cost-delta", movers: "cost-movers", mover: "cost-mover" }}
      noMovers={<>No registry&apos;s cost changed.</>}
      note="A running month counts to today, against the same days of the previous month; a complete month counts whole against the whole previous month."
    />
  );
}
