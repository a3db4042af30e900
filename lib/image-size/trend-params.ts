/**
 * The options every image-size trend view shares (page, CSV, gate route): which repositories,
 * the baseline and the growth threshold. Strings as they arrive from a URL or a CLI flag.
 */
import { z } from "zod";
import { isLedgerError } from "@/lib/errors";
import { DEFAULT_BASELINE, DEFAULT_MAX_GROWTH, parseBaseline, parseMaxGrowth } from "@/lib/image-size/settings";
import { optionalFilterText, optionsFromParams, parseInput } from "../validation";

/** Runs a domain parser inside zod, so its message becomes the issue naming the option. */
function parsedWith<T>(parse: (text: string) => T, fallback: T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T => {
      if (value === undefined || value.trim() === "") return fallback;
      try {
        return parse(value);
      } catch (error) {
        if (!isLedgerError(error, "validation")) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
        return z.NEVER;
      }
    });
}

export const trendSettingsSchema = z.object({
  maxGrowth: parsedWith(parseMaxGrowth, DEFAULT_MAX_GROWTH),
  baseline: parsedWith(parseBaseline, DEFAULT_BASELINE),
});

/** The trend settings of a page's query (`max-growth` or `maxGrowth`, as on the CSV and gate routes). */
export function trendSettingsFromQuery(query: Record<string, string | undefined>) {
  const options = optionsFromParams(Object.entries(query));
  return parseInput(trendSettingsSchema, { baseline: options.baseline, maxGrowth: options.maxGrowth });
}

/** Exact names: a repository's series, one registry's, or the whole estate's. */
export const trendFilterSchema = z.object({
  registry: optionalFilterText,
  repository: optionalFilterText,
});

export type TrendFilter = z.output<typeof trendFilterSchema>;
