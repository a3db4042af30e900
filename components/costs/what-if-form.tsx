import { SelectField } from "@/components/ui/select-field";
import { DEFAULT_GLOBAL_TAG, type WhatIfParams } from "@/lib/costs/server/get-replication-what-if";

/** A plain GET form: the scenario lives in the URL, so it can be shared and reloaded. */
export function WhatIfForm({
  registries,
  values,
}: {
  registries: string[];
  values: Partial<WhatIfParams> & { month: string };
}) {
  return (
    <form className="filters" method="get" action="/replication#what-if" data-testid="what-if-form">
      <input type="hidden" name="month" value={values.month} />
      <SelectField
        label="Replicated registry"
        name="registry"
        value={values.registry}
        options={registries}
        empty="choose…"
        required
        testId="what-if-registry"
      />
      <SelectField
        label="Global repositories from"
        name="source"
        value={values.source ?? "patterns"}
        options={[
          { value: "patterns", label: "the patterns typed here" },
          { value: "tag", label: "a tag on the registry" },
        ]}
        testId="what-if-source"
      />
      <label>
        <span>Patterns (comma-separated globs)</span>
        <input
          type="text"
          name="patterns"
          defaultValue={values.patterns ?? ""}
          placeholder="base/*, team/**"
          data-testid="what-if-patterns"
        />
      </label>
      <label>
        <span>Tag name</span>
        <input
          type="text"
          name="tag"
          defaultValue={values.tag ?? ""}
          placeholder={DEFAULT_GLOBAL_TAG}
          data-testid="what-if-tag"
        />
      </label>
      <button type="submit" data-testid="what-if-apply">
        Compute
      </button>
    </form>
  );
}
