import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState, Panel } from "@/components/ui/panel";
import type { CostKind } from "@/lib/costs/types";
import type { MicrosString } from "@/lib/costs/cost-views";
import type { ComparedDays } from "@/lib/costs/compared-days";
import { comparedLabels } from "../ui/compared-days-labels";
import { COST_KIND_LABELS } from "../ui/cost-kind-labels";
import { Money } from "../ui/money";

export type ComparedAmount = { previousMicros: MicrosString; currentMicros: MicrosString; deltaMicros: MicrosString };
export type ComparedMover = ComparedAmount & {
  key: string;
  label: string;
  href: string;
  data: Record<`data-${string}`, string>;
};

/**
 * A month against the previous one: the total, each cost kind, and the top movers (registries on
 * the costs page, teams on the chargeback review), on the days `compared` names (a running month
 * against the same days before), said above the tables. Every figure comes computed from the
 * server reads in lib/.
 */
export function MonthComparison(props: {
  testId: string;
  compared: ComparedDays;
  currency: string;
  total: ComparedAmount;
  byKind: (ComparedAmount & { kind: CostKind })[];
  movers: ComparedMover[];
  /** Test ids: the total's change, the movers table and each mover row. */
  ids: { delta: string; movers: string; mover: string };
  noMovers: ReactNode;
  note: ReactNode;
}) {
  const { currency } = props;
  const labels = comparedLabels(props.compared);
  const cells = (a: ComparedAmount, deltaTestId?: string) => (
    <>
      <td className="right">
        <Money micros={a.previousMicros} currency={currency} />
      </td>
      <td className="right">
        <Money micros={a.currentMicros} currency={currency} />
      </td>
      <td className="right">
        <Money micros={a.deltaMicros} currency={currency} testId={deltaTestId} />
      </td>
    </>
  );
  return (
    <Panel title={`Against ${labels.previous}`} testId={props.testId}>
      <p
        className="muted small"
        data-testid="compared-days"
        data-running={props.compared.running ? "true" : "false"}
        data-from={props.compared.previous.from}
        data-until={props.compared.previous.until}
      >
        {labels.sentence}
      </p>
      <table className="table compact">
        <caption className="sr-only">
          Cost by kind, {labels.current} against {labels.previous}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Cost kind</span>
            </th>
            <th scope="col" className="right">
              {labels.previous}
            </th>
            <th scope="col" className="right">
              {labels.current}
            </th>
            <th scope="col" className="right">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="strong">
            <td>Total</td>
            {cells(props.total, props.ids.delta)}
          </tr>
          {props.byKind.map((k) => (
            <tr key={k.kind}>
              <td>{COST_KIND_LABELS[k.kind]}</td>
              {cells(k)}
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="subheading">Top movers</h3>
      {props.movers.length === 0 ? (
        <EmptyState>{props.noMovers}</EmptyState>
      ) : (
        <table className="table compact" data-testid={props.ids.movers}>
          <caption className="sr-only">
            Top movers, {labels.current} against {labels.previous}
          </caption>
          <tbody>
            {props.movers.map((m) => (
              <tr key={m.key} data-testid={props.ids.mover} {...m.data}>
                <td>
                  <Link href={m.href}>{m.label}</Link>
                </td>
                <td className="right">
                  <Money micros={m.previousMicros} currency={currency} />
                </td>
                <td className="right">
                  <Money micros={m.currentMicros} currency={currency} />
                </td>
                <td className="right strong">
                  <Money micros={m.deltaMicros} currency={currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{props.note}</p>
    </Panel>
  );
}
