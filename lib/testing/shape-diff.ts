// Test support: compares an official example payload with what the simulator answers, key by key.

/** Objects whose keys are data (resource tags, registry names), not schema. */
const DICTIONARIES = new Set(["tags", "customRegistries"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Paths (a.b[].c) that the example has and the simulator's value lacks or shapes differently. */
export function shapeDiff(expected: unknown, actual: unknown, at = "$"): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected array`];
    if (expected.length === 0 || (!isObject(expected[0]) && !Array.isArray(expected[0]))) return [];
    if (actual.length === 0) return [`${at}: empty array, cannot compare items`];
    // Items vary (tagged or not, finished or running): one matching item is enough.
    const diffs = actual.slice(0, 200).map((item) => shapeDiff(expected[0], item, `${at}[]`));
    return diffs.reduce((best, d) => (d.length < best.length ? d : best));
  }
  if (!isObject(expected)) return [];
  if (!isObject(actual)) return [`${at}: expected object`];
  return Object.entries(expected).flatMap(([key, value]) => {
    if (!(key in actual)) return [`${at}.${key}: missing`];
    if (DICTIONARIES.has(key) || value === null) return [];
    return shapeDiff(value, actual[key], `${at}.${key}`);
  });
}
