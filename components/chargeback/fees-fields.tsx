"use client";

import {
  emptyFee,
  errorsFor,
  feeErrorKey,
  patchAt,
  removeAt,
  type DraftFee,
  type FieldErrors as Errors,
} from "./config-draft";
import { FieldErrors } from "./field-errors";

type Props = {
  feeDefault: string;
  fees: DraftFee[];
  teamNames: readonly string[];
  errors: Errors;
  onChange: (change: { feeDefault?: string; fees?: DraftFee[] }) => void;
};

/** proportional, even, and owner:<team> for every team of the draft; a typed unknown value stays selectable. */
function methodOptions(teamNames: readonly string[], current: string): string[] {
  const options = ["proportional", "even", ...teamNames.filter((t) => t.trim() !== "").map((t) => `owner:${t.trim()}`)];
  return current === "" || options.includes(current) ? options : [...options, current];
}

const METHOD_HELP =
  "proportional: by attributed bytes · even: equally among the teams owning repositories in the registry · owner:<team>: all to one team";

/** How each registry's fixed fees (registry unit, replication units) are split across teams. */
export function FeesFields({ feeDefault, fees, teamNames, errors, onChange }: Props) {
  const update = (index: number, patch: Partial<DraftFee>) => onChange({ fees: patchAt(fees, index, patch) });
  return (
    <div className="stack">
      <p className="muted small" style={{ margin: 0 }}>
        {METHOD_HELP}
      </p>
      <label className="filters">
        <span>Default method</span>
        <select
          value={feeDefault}
          onChange={(e) => onChange({ feeDefault: e.target.value })}
          data-testid="fees-default"
        >
          {methodOptions(teamNames, feeDefault).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <FieldErrors field="fixedFees.default" messages={errorsFor(errors, "fixedFees.default")} />
      </label>
      {fees.length > 0 ? (
        <table className="table compact" data-testid="fees-table">
          <caption className="sr-only">Fixed fee methods per registry</caption>
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Method</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fees.map((fee, i) => (
              <tr key={fee.id} data-testid="fee-row">
                <td>
                  <input
                    aria-label={`Fixed fees registry ${i + 1}`}
                    list="rule-registries"
                    value={fee.registry}
                    onChange={(e) => update(i, { registry: e.target.value })}
                    data-testid="fee-registry"
                  />
                  <FieldErrors
                    field={`fixedFees.byRegistry.${fee.registry}`}
                    messages={errorsFor(errors, feeErrorKey(fee))}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Fixed fees method ${i + 1}`}
                    value={fee.method}
                    onChange={(e) => update(i, { method: e.target.value })}
                    data-testid="fee-method"
                  >
                    {methodOptions(teamNames, fee.method).map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="right">
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => onChange({ fees: removeAt(fees, i) })}
                    data-testid="fee-remove"
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div>
        <button
          type="button"
          className="button secondary"
          onClick={() => onChange({ fees: [...fees, emptyFee()] })}
          data-testid="fee-add"
        >
          Add a registry&apos;s method
        </button>
      </div>
    </div>
  );
}
