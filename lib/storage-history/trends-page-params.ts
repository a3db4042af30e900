/** The /trends page's URL parameters, parsed once for its filters and panels. */
import { z } from "zod";
import { optionalFilterText } from "../validation";
import { trendRangeFields } from "./window-params";

export const trendsPageSchema = z.object({
  range: trendRangeFields.range,
  registry: optionalFilterText,
  /** "<registry>/<repository>": registry names never hold a slash, repository names may. */
  repository: optionalFilterText,
  search: optionalFilterText,
});
export type TrendsPageParams = z.infer<typeof trendsPageSchema>;

export function splitRepositoryKey(key: string | undefined): { registry: string; repository: string } | null {
  if (!key) return null;
  const slash = key.indexOf("/");
  if (slash <= 0 || slash === key.length - 1) return null;
  return { registry: key.slice(0, slash), repository: key.slice(slash + 1) };
}
