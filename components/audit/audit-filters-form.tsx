import { SelectField } from "@/components/ui/select-field";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import type { AuditFilter } from "@/lib/audit/audit-filters";
import { auditCsvHref } from "./audit-urls";

/** A plain GET form: the filters land in the URL, work without JavaScript, and the CSV link carries them. */
export function AuditFiltersForm({ filter }: { filter: AuditFilter }) {
  return (
    <form className="filters" method="get" action="/audit" data-testid="audit-filters">
      <label>
        <span>Actor</span>
        <input
          type="search"
          name="actor"
          defaultValue={filter.actor ?? ""}
          placeholder="name contains…"
          data-testid="audit-actor"
        />
      </label>
      <SelectField
        label="Action"
        name="action"
        value={filter.action}
        options={AUDIT_ACTIONS}
        empty="All actions"
        testId="audit-action"
      />
      <label>
        <span>From</span>
        <input type="date" name="from" defaultValue={filter.from ?? ""} data-testid="audit-from" />
      </label>
      <label>
        <span>To</span>
        <input type="date" name="to" defaultValue={filter.to ?? ""} data-testid="audit-to" />
      </label>
      <button type="submit" data-testid="audit-apply">
        Apply
      </button>
      <a className="button secondary" href={auditCsvHref(filter)} download data-testid="download-csv">
        Download CSV
      </a>
    </form>
  );
}
