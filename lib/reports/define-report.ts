/**
 * A report is a name, fixed columns (a public contract) and rows paged out of the query layer.
 * Options are declared once with zod and accepted both as URL query parameters (?month=2026-11)
 * and as CLI flags (--month 2026-11); both go through `open`, so they fail the same way.
 */
import { z } from "zod";
import { LedgerError } from "@/lib/errors";
import type { CsvRow } from "@/lib/csv";
import type { Page } from "@/lib/queries/values";

export type RawReportOptions = Record<string, string | undefined>;

export type ReportOption = { name: string; description: string };

export type Report = {
  name: string;
  description: string;
  columns: readonly string[];
  options: readonly ReportOption[];
  /** Validates the options (a LedgerError "validation" naming the option) before any row is read. */
  open(raw: RawReportOptions): AsyncIterable<CsvRow>;
};

type Definition<S extends z.ZodObject> = {
  name: string;
  description: string;
  columns: readonly string[];
  options: S;
  optionDescriptions: { [K in keyof S["shape"]]: string };
  rows(options: z.output<S>): AsyncIterable<CsvRow>;
};

export function defineReport<S extends z.ZodObject>(definition: Definition<S>): Report {
  const known = Object.keys(definition.options.shape);
  return {
    name: definition.name,
    description: definition.description,
    columns: definition.columns,
    options: known.map((name) => ({ name, description: definition.optionDescriptions[name as keyof S["shape"]] })),
    open(raw) {
      const unknown = Object.keys(raw).find((key) => !known.includes(key));
      if (unknown !== undefined) {
        throw new LedgerError("validation", `Unknown option "${unknown}" for report ${definition.name}; known: ${known.join(", ") || "none"}`);
      }
      const result = definition.options.safeParse(raw);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new LedgerError("validation", `Invalid option "${issue.path.join(".")}" for report ${definition.name}: ${issue.message}`);
      }
      return definition.rows(result.data);
    },
  };
}

/** Reads every page of a list query in its own stable order, one page in memory at a time. */
export async function* pageThrough<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T> {
  for (let page = 1; ; page += 1) {
    const result = await fetchPage(page);
    yield* result.rows;
    if (page >= result.pageCount) return;
  }
}
