/** A labelled <select> for the plain GET filter forms: the first option is "all" (or a prompt). */
export function SelectField({
  label,
  name,
  value,
  options,
  empty,
  testId,
  required = false,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: readonly (string | { value: string; label: string })[];
  /** The first option, with an empty value: "All registries", or a disabled prompt when required. */
  empty?: string;
  testId: string;
  required?: boolean;
}) {
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""} required={required} data-testid={testId}>
        {empty === undefined ? null : (
          <option value="" disabled={required}>
            {empty}
          </option>
        )}
        {options.map((o) => {
          const { value: v, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
