import type { ReactNode } from "react";

/** One row of a chart's data: its label (a day, a registry) and one cell per column, already formatted. */
export type ChartDataRow = { key: string; label: ReactNode; cells: ReactNode[] };

/**
 * The figures a chart draws, as a table under a "Show as table" toggle: the exact values without
 * hovering, for keyboards and screen readers. Every chart puts one beside itself.
 */
export function ChartDataTable({
  caption,
  rowHeader,
  columns,
  rows,
  testId,
}: {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: ChartDataRow[];
  testId?: string;
}) {
  return (
    <details className="chart-data" data-testid={testId}>
      <summary>Show as table</summary>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((column) => (
                <th key={column} scope="col" className="right">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, i) => (
                  <td key={columns[i] ?? i} className="right">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
