/**
 * What a queued run's jobs stage for another job to read (sync_staged_reads): JSON whose dates
 * come back as dates. Azure's shapes hold dates (never bigints), each one tagged `{"$date": iso}`;
 * every other value is JSON as it is.
 */
type Tagged = { $date: string };

const isTaggedDate = (value: unknown): value is Tagged =>
  typeof value === "object" &&
  value !== null &&
  Object.keys(value).length === 1 &&
  typeof (value as Partial<Tagged>).$date === "string";

export function toStagedJson(value: unknown): string {
  // The replacer sees a Date already turned into its ISO string: its holder still has the Date.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, json: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : json;
  });
}

/** A parsed jsonb value (pg hands it back parsed) with its tagged dates revived. */
export function fromStagedJson<T>(value: unknown): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (isTaggedDate(value)) return new Date(value.$date);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}
