import type { Access } from "@/lib/auth/access";
import { SelectField } from "@/components/ui/select-field";
import { listRegistryNames } from "@/lib/storage/server/list-registry-names";
import { PLAN_ACTIONS, PLAN_REASON_CODES } from "@/lib/stale/plan-filter";
import type { StaleUrlState } from "./stale-urls";

/** A plain GET form over the items (and the by-repository table); the as-of day rides along. */
export async function StaleItemsFilters({ state, access }: { state: StaleUrlState; access: Access }) {
  const registries = await listRegistryNames(access);
  return (
    <form className="filters" method="get" action="/stale" data-testid="stale-filters">
      <input type="hidden" name="as-of" value={state.asOf} />
      <SelectField
        label="Registry"
        name="registry"
        value={state.registry}
        options={registries}
        empty="All registries"
        testId="stale-registry"
      />
      <label>
        <span>Repository</span>
        <input
          type="search"
          name="repository"
          defaultValue={state.repository ?? ""}
          placeholder="name contains…"
          data-testid="stale-repository"
        />
      </label>
      <SelectField
        label="Action"
        name="action"
        value={state.action}
        options={PLAN_ACTIONS}
        empty="All actions"
        testId="stale-action"
      />
      <SelectField
        label="Reason"
        name="reason"
        value={state.reason}
        options={PLAN_REASON_CODES}
        empty="All reasons"
        testId="stale-reason"
      />
      <button type="submit" data-testid="stale-apply">
        Apply
      </button>
    </form>
  );
}
