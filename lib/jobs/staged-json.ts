/**
 * What a queued run's jobs stage for another job to read (sync_staged_reads): JSON whose dates
 * come back as dates. Azure's shapes hold dates (never bigints), each one tagged `{"$date": iso}`;
 * every other value is JSON as it is. A staged batch is large (tens of megabytes at 500
 * repositories), so it is read back as text and revived where it was parsed, not copied.
 */
type Tagged = { $date: string };

const isTaggedDate = (value: object): value is Tagged =>
  typeof (value as Partial<Tagged>).$date === "string" && Object.keys(value).length === 1;

export function toStagedJson(value: unknown): string {
  // The replacer sees a Date already turned into its ISO string: its holder still has the Date.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, json: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : json;
  });
}

/** Staged JSON read as text (`read::text`), parsed, with its tagged dates revived. */
export function fromStagedText<T>(text: string): T {
  return revive(JSON.parse(text)) as T;
}

/** A parsed jsonb value (pg hands it back parsed, ours to change) with its tagged dates revived. */
export function fromStagedJson<T>(value: unknown): T {
  return revive(value) as T;
}

/** Revives in place: each array and object parsed is reused, only tagged dates are replaced. */
function revive(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  if (isTaggedDate(value)) return new Date(value.$date);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = revive(record[key]);
  return value;
}
