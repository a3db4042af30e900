/**
 * Code-point (UTF-16 code unit) order: the same in every locale, runtime and database
 * collation, so ties broken with it never move between machines. Not `localeCompare`.
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
