/**
 * A report is a name, fixed columns (a public contract) and rows paged out of the query layer.
 * Options are declared once with zod and accepted both as URL query parameters (?month=2026-11)
 * and as CLI flags (--month 2026-11); both go through `render`, so they fail the same way.
 * A report may offer other formats than CSV (`formats`): then it takes a `format` option
 * (`?format=script`, `--format script`) and each format gives its own content type and extension.
 */
import { z } from "zod";
import { LedgerError } from "@/lib/errors";
import { streamCsv, type CsvRow } from "@/lib/csv";
import type { Page } from "@/lib/queries/values";

export type RawReportOptions = Record<string, string | undefined>;

export type ReportOption = {
  name: string;
  description: string;
  /** The CLI flag names a file whose text is the option's value (the route takes the text itself). */
  fromFile?: boolean;
};

/** The bytes of one rendering and how to serve them. */
export type ReportOutput = { contentType: string; extension: string; chunks: AsyncIterable<string> };

export type Report = {
  name: string;
  description: string;
  columns: readonly string[];
  options: readonly ReportOption[];
  /** Validates the options (a LedgerError "validation" naming the option) before any row is read. */
  open(raw: RawReportOptions): AsyncIterable<CsvRow>;
  /** Validates the options like `open`, then renders lazily in the format asked for (CSV by default). */
  render(raw: RawReportOptions): ReportOutput;
};

export type ReportFormat<O> = { contentType: string; extension: string; description: string; render(options: O): AsyncIterable<string> };

type Definition<S extends z.ZodObject> = {
  name: string;
  description: string;
  columns: readonly string[];
  options: S;
  optionDescriptions: { [K in keyof S["shape"]]: string };
  /** Options whose CLI flag names a file to read (see ReportOption.fromFile). */
  fileOptions?: readonly (keyof S["shape"] & string)[];
  rows(options: z.output<S>): AsyncIterable<CsvRow>;
  formats?: Record<string, ReportFormat<z.output<S>>>;
};

const CSV = { contentType: "text/csv; charset=utf-8", extension: "csv" };

export function defineReport<S extends z.ZodObject>(definition: Definition<S>): Report {
  const formats = definition.formats ?? {};
  const formatNames = ["csv", ...Object.keys(formats)];
  const declared = Object.keys(definition.options.shape);
  const known = formatNames.length > 1 ? [...declared, "format"] : declared;
  const invalid = (name: string, message: string) => new LedgerError("validation", `Invalid option "${name}" for report ${definition.name}: ${message}`);

  const parse = (raw: RawReportOptions): z.output<S> => {
    const unknown = Object.keys(raw).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      throw new LedgerError("validation", `Unknown option "${unknown}" for report ${definition.name}; known: ${known.join(", ") || "none"}`);
    }
    const { format: _format, ...rest } = raw;
    const result = definition.options.safeParse(formatNames.length > 1 ? rest : raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalid(issue.path.join("."), issue.message);
    }
    return result.data;
  };
  const fileOptions: readonly string[] = definition.fileOptions ?? [];
  const options: ReportOption[] = declared.map((name) => ({
    name,
    description: definition.optionDescriptions[name as keyof S["shape"]],
    ...(fileOptions.includes(name) ? { fromFile: true } : {}),
  }));
  if (formatNames.length > 1) {
    const described = Object.entries(formats).map(([name, f]) => `${name} (${f.description})`);
    options.push({ name: "format", description: `csv (default) or ${described.join(" or ")}` });
  }

  return {
    name: definition.name,
    description: definition.description,
    columns: definition.columns,
    options,
    open: (raw) => definition.rows(parse(raw)),
    render(raw) {
      const format = raw.format ?? "csv";
      if (!formatNames.includes(format)) throw invalid("format", `expected one of ${formatNames.join(", ")}`);
      const parsed = parse(raw);
      const chosen = formats[format];
      if (format === "csv" || chosen === undefined) return { ...CSV, chunks: streamCsv(definition.columns, definition.rows(parsed)) };
      return { contentType: chosen.contentType, extension: chosen.extension, chunks: chosen.render(parsed) };
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
