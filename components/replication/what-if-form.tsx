import { DEFAULT_GLOBAL_TAG, type WhatIfParams } from "@/lib/queries/costs/get-replication-what-if";

/** A plain GET form: the scenario lives in the URL, so it can be shared and reloaded. */
export function WhatIfForm({ registries, values }: { registries: string[]; values: Partial<WhatIfParams> & { month: string } }) {
  return (
    <form className="filters" method="get" action="/replication#what-if" data-testid="what-if-form">
      <input type="hidden" name="month" value={values.month} />
      <label>
        <span>Replicated registry</span>
        <select name="registry" defaultValue={values.registry ?? ""} required data-testid="what-if-registry">
          <option value="" disabled>
            choose…
          </option>
          {registries.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Global repositories from</span>
        <select name="source" defaultValue={values.source ?? "patterns"} data-testid="what-if-source">
          <option value="patterns">the patterns typed here</option>
          <option value="tag">a tag on the registry</option>
        </select>
      </label>
      <label>
        <span>Patterns (comma-separated globs)</span>
        <input type="text" name="patterns" defaultValue={values.patterns ?? ""} placeholder="base/*, team/**" data-testid="what-if-patterns" />
      </label>
      <label>
        <span>Tag name</span>
        <input type="text" name="tag" defaultValue={values.tag ?? ""} placeholder={DEFAULT_GLOBAL_TAG} data-testid="what-if-tag" />
      </label>
      <button type="submit" data-testid="what-if-apply">Compute</button>
    </form>
  );
}
