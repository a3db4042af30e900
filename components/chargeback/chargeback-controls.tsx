import type { ChargebackUrlState } from "./chargeback-urls";

/**
 * A plain GET form: the month and "scale to billed" land in the URL (`?month=2026-11&scale=billed`)
 * and work without JavaScript; the CSV link carries the same two (and `rules=current` when chosen).
 */
export function ChargebackControls({ state }: { state: ChargebackUrlState }) {
  return (
    <form className="filters" method="get" action="/chargeback" data-testid="chargeback-controls">
      {state.currentRules ? <input type="hidden" name="rules" value="current" /> : null}
      <label>
        <span>Month</span>
        <input type="month" name="month" defaultValue={state.month} required data-testid="month-input" />
      </label>
      <label
        style={{ flexDirection: "row", alignItems: "center", gap: 6 }}
        title="Scale each registry's team lines so they sum to its billed cost from the imported FOCUS export (registries without one keep the estimate)"
      >
        <input
          type="checkbox"
          name="scale"
          value="billed"
          defaultChecked={state.scale}
          data-testid="scale-toggle"
          style={{ minWidth: 0 }}
        />
        <span>Scale to billed</span>
      </label>
      <button type="submit" data-testid="chargeback-apply">
        Show
      </button>
    </form>
  );
}
