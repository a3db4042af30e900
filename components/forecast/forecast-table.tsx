import type { ReactNode } from "react";
import { Money } from "@/components/ui/money";
import type { ForecastFiguresView } from "@/lib/forecast/server/get-running-forecast";

export type ForecastRow = ForecastFiguresView & { key: string; label: ReactNode };

/** One breakdown of the forecast (by team, registry or cost kind): actual to date beside the whole month. */
export function ForecastTable({
  caption,
  heading,
  rows,
  currency,
  testId,
}: {
  caption: string;
  heading: string;
  rows: ForecastRow[];
  currency: string;
  testId: string;
}) {
  return (
    <table className="table compact" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="right">
            Actual to date
          </th>
          <th scope="col" className="right">
            Forecast
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid="forecast-row" data-key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="right">
              <Money micros={row.actualToDate} currency={currency} testId="forecast-actual" />
            </td>
            <td className="right">
              <Money micros={row.forecast} currency={currency} testId="forecast-whole" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
