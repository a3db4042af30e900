/** A plain GET form: the as-of day lands in the URL and works without JavaScript. Filters restart. */
export function AsOfPicker({ asOf }: { asOf: string }) {
  return (
    <form className="filters" method="get" action="/stale" data-testid="as-of-picker">
      <label>
        <span>As of (end of day, UTC)</span>
        <input type="date" name="as-of" defaultValue={asOf} required data-testid="as-of-input" />
      </label>
      <button type="submit" data-testid="as-of-apply">
        Show
      </button>
    </form>
  );
}
