/** A plain GET form: the month lands in the URL and works without JavaScript. */
export function MonthPicker({ action, month }: { action: string; month: string }) {
  return (
    <form className="filters" method="get" action={action} data-testid="month-picker">
      <label>
        <span>Month</span>
        <input type="month" name="month" defaultValue={month} required data-testid="month-input" />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
