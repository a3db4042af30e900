/**
 * A report is a name, fixed columns (a public contract) and rows paged out of the query layer.
 * Options are declared once with zod and accepted both as URL query parameters (?month=2026-11)
 * and as CLI flags (--month 2026-11); both go through `render`, so they fail the same way.
 * A report may offer other formats than CSV (`formats`): then it takes a `format` option
 * (`?format=script`, `--format script`) and each format gives its own content type and extension.
 * A report may also `prepare`: async work on the validated options that must succeed before the
 * first byte (reading a stored setting, computing a plan); rows and formats get its result, and a
 * failure there is an error answer (422 naming the field, exit 2), never half a file.
 * Every rendering is for an access (lib/auth/access.ts): a `teamScoped` report hands it to its
 * query, which reads only the teams' repositories; any other report covers the whole estate and
 * is refused to team members (the route answers 403; the CLI has full access). A report that needs
 * more than reading (`need`, e.g. the audit log's "read-audit") is checked by the route against the
 * caller's roles. A report may name response `headers` (read from what `prepare` returned).
 */
import { type z } from "zod";
import type { Access, Need } from "@/lib/auth/access";
import { LedgerError } from "@/lib/errors";
import { streamCsv, type CsvRow } from "@/lib/csv";
import type { Page } from "@/lib/views";

export type RawReportOptions = Record<string, string | undefined>;

export type ReportOption = {
  name: string;
  description: string;
  /** The CLI flag names a file whose text is the option's value (the route takes the text itself). */
  fromFile?: boolean;
  /** Words the option takes as they are, which the CLI never reads as a file name (`--rules current`). */
  keywords?: readonly string[];
};

/** The bytes of one rendering and how to serve them. */
export type ReportOutput = {
  contentType: string;
  extension: string;
  chunks: AsyncIterable<string>;
  /** What the route adds to its answer (the CLI prints the file alone). */
  headers?: Record<string, string>;
};

export type Report = {
  name: string;
  description: string;
  columns: readonly string[];
  options: readonly ReportOption[];
  /** The formats it renders: "csv" first, then any other (`format` option). */
  formats: readonly string[];
  /** Cut to the access's teams by its query; otherwise it needs full access. */
  teamScoped: boolean;
  /** What the caller must be allowed (default: read). */
  need: Need;
  /** Validates the options (a LedgerError "validation" naming the option) and prepares, before any row is read. */
  open(raw: RawReportOptions, access: Access): AsyncIterable<CsvRow>;
  /**
   * Validates the options like `open` and prepares, then renders lazily in the format asked for
   * (CSV by default). Resolves once nothing but streaming is left; rejects on a bad option.
   */
  render(raw: RawReportOptions, access: Access): Promise<ReportOutput>;
};

export type ReportFormat<P> = {
  contentType: string;
  extension: string;
  description: string;
  render(input: P): AsyncIterable<string>;
};

type Definition<S extends z.ZodObject, P> = {
  name: string;
  description: string;
  /** Its query reads only the access's teams' repositories or lines (see Report.teamScoped). */
  teamScoped?: boolean;
  /** Default `{ action: "read" }`. */
  need?: Need;
  columns: readonly string[];
  /** Columns holding exact decimals as text (money), written unguarded when they are one (lib/csv.ts). */
  numericColumns?: readonly string[];
  options: S;
  optionDescriptions: { [K in keyof S["shape"]]: string };
  /** Options whose CLI flag names a file to read (see ReportOption.fromFile). */
  fileOptions?: readonly (keyof S["shape"] & string)[];
  /** Per file option, the words it takes as they are (see ReportOption.keywords). */
  optionKeywords?: { [K in keyof S["shape"]]?: readonly string[] };
  /** Response headers from what prepare returned, e.g. which rules a figure was computed with. */
  headers?(input: P): Record<string, string>;
  /** Runs before the first byte, told the format asked for; its result is what rows and formats get (the options when absent). */
  prepare?(options: z.output<S>, format: string, access: Access): Promise<P>;
  rows(input: P, access: Access): AsyncIterable<CsvRow>;
  formats?: Record<string, ReportFormat<P>>;
};

const CSV = { contentType: "text/csv; charset=utf-8", extension: "csv" };

export function defineReport<S extends z.ZodObject, P = z.output<S>>(definition: Definition<S, P>): Report {
  const formats = definition.formats ?? {};
  const formatNames = ["csv", ...Object.keys(formats)];
  const declared = Object.keys(definition.options.shape);
  const known = formatNames.length > 1 ? [...declared, "format"] : declared;
  const invalid = (name: string, message: string) =>
    new LedgerError("validation", `Invalid option "${name}" for report ${definition.name}: ${message}`);

  const parse = (raw: RawReportOptions): z.output<S> => {
    const unknown = Object.keys(raw).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      throw new LedgerError(
        "validation",
        `Unknown option "${unknown}" for report ${definition.name}; known: ${known.join(", ") || "none"}`,
      );
    }
    const { format: _format, ...rest } = raw;
    const result = definition.options.safeParse(formatNames.length > 1 ? rest : raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalid(issue.path.join("."), issue.message);
    }
    return result.data;
  };
  // Without a prepare step P is the options type (the default of the type parameter).
  const prepare = definition.prepare ?? (async (parsed: z.output<S>) => parsed as unknown as P);
  const assertReadable = (access: Access) => {
    if (access.kind === "teams" && !definition.teamScoped)
      throw new LedgerError(
        "forbidden",
        `report ${definition.name} covers the whole estate; team members read their teams' reports`,
      );
  };
  const fileOptions: readonly string[] = definition.fileOptions ?? [];
  const options: ReportOption[] = declared.map((name) => ({
    name,
    description: definition.optionDescriptions[name as keyof S["shape"]],
    ...(fileOptions.includes(name) ? { fromFile: true } : {}),
    ...(definition.optionKeywords?.[name as keyof S["shape"]] ? { keywords: definition.optionKeywords[name] } : {}),
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
    formats: formatNames,
    teamScoped: definition.teamScoped ?? false,
    need: definition.need ?? { action: "read" },
    async *open(raw, access) {
      assertReadable(access);
      yield* definition.rows(await prepare(parse(raw), "csv", access), access);
    },
    async render(raw, access) {
      assertReadable(access);
      const format = raw.format ?? "csv";
      if (!formatNames.includes(format)) throw invalid("format", `expected one of ${formatNames.join(", ")}`);
      const input = await prepare(parse(raw), format, access);
      const chosen = formats[format];
      const headers = definition.headers?.(input);
      if (format === "csv" || chosen === undefined)
        return {
          ...CSV,
          chunks: streamCsv(definition.columns, definition.rows(input, access), {
            numericColumns: definition.numericColumns,
          }),
          headers,
        };
      return { contentType: chosen.contentType, extension: chosen.extension, chunks: chosen.render(input), headers };
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
