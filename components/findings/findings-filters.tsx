import { listRegistryNames } from "@/lib/queries/list-registry-names";
import { SEVERITIES, type FindingFilter } from "@/lib/queries/costs/list-findings";
import { findingsCsvHref } from "./finding-urls";

export async function FindingsFilters({ filter }: { filter: FindingFilter }) {
  const registries = await listRegistryNames();
  return (
    <form className="filters" method="get" action="/findings" data-testid="findings-filters">
      <label>
        <span>Severity</span>
        <select name="severity" defaultValue={filter.severity ?? ""} data-testid="findings-severity">
          <option value="">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Registry</span>
        <select name="registry" defaultValue={filter.registry ?? ""} data-testid="findings-registry">
          <option value="">All registries</option>
          {registries.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="findings-apply">Apply</button>
      <a className="button secondary" href={findingsCsvHref(filter)} download data-testid="download-findings-csv">
        Download CSV
      </a>
    </form>
  );
}
