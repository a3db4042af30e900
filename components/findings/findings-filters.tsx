import { listRegistryNames } from "@/lib/storage/server/list-registry-names";
import { SEVERITIES, type FindingFilter } from "@/lib/findings/server/list-findings";
import { SelectField } from "@/components/ui/select-field";
import { findingsCsvHref } from "./finding-urls";

export async function FindingsFilters({ filter }: { filter: FindingFilter }) {
  // The findings page is the estate's: only full access opens it.
  const registries = await listRegistryNames({ kind: "all" });
  return (
    <form className="filters" method="get" action="/findings" data-testid="findings-filters">
      <SelectField
        label="Severity"
        name="severity"
        value={filter.severity}
        options={SEVERITIES}
        empty="All severities"
        testId="findings-severity"
      />
      <SelectField
        label="Registry"
        name="registry"
        value={filter.registry}
        options={registries}
        empty="All registries"
        testId="findings-registry"
      />
      <button type="submit" data-testid="findings-apply">
        Apply
      </button>
      <a className="button secondary" href={findingsCsvHref(filter)} download data-testid="download-findings-csv">
        Download CSV
      </a>
    </form>
  );
}
