import { MonthComparison } from "@/components/costs/month-comparison";
import { teamHref } from "@/components/chargeback/team-urls";
import type { ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";

/** The month against the previous one (a running month against the same days), by cost kind, and the teams whose charge moved most. */
export function ChargebackComparisonPanel({ view }: { view: ChargebackMonth }) {
  const current = <T extends { micros: string }>(x: T) => ({ ...x, currentMicros: x.micros });
  return (
    <MonthComparison
      testId="chargeback-comparison"
      compared={view.compared}
      currency={view.currency}
      total={{
        previousMicros: view.previousTotalMicros,
        currentMicros: view.totalMicros,
        deltaMicros: view.totalDeltaMicros,
      }}
      byKind={view.byKind.map(current)}
      movers={view.movers.map((m) => ({
        ...current(m),
        key: m.team,
        label: m.team,
        href: teamHref(m.team, view.month),
        data: { "data-team": m.team },
      }))}
      ids={{ delta: "chargeback-delta", movers: "chargeback-movers", mover: "chargeback-mover" }}
      noMovers={<>No team&apos;s charge changed.</>}
      note={
        <>
          Both months are allocated with the same rules. A running month counts to today, against the same days of the
          previous month (each team&apos;s kept days of it); a complete month counts whole against the whole previous
          month.
        </>
      }
    />
  );
}
