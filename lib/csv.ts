/**
 * The one CSV writer: csv-stringify, streamed. Text cells that a spreadsheet would run as a
 * formula (leading = + - @ or a control character) are prefixed with a quote; numbers stay
 * numbers and are never touched, so a negative gap reads as -42, not '-42. Numbers are cells of
 * type number or bigint, and exact decimals kept as text (money: "-12.340000") in the columns a
 * report declares numeric; any other text in those columns is still guarded.
 */
import { Readable, pipeline } from "node:stream";
import { stringify, type Options } from "csv-stringify";

export type CsvCell = string | number | bigint | boolean | Date | null;
export type CsvRow = Record<string, CsvCell>;
export type CsvOptions = {
  /** Columns whose text cells are exact decimals (e.g. money from formatMoney), written as they are. */
  numericColumns?: readonly string[];
};

// Control characters are the point: a cell starting with one can still start a formula in a spreadsheet.
// eslint-disable-next-line no-control-regex
const FORMULA_START = /^[=+\-@\u0000-\u001f]/;
/** A plain decimal, as a spreadsheet reads a number: never a formula. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvOptions(columns: readonly string[], options: CsvOptions): Options {
  const numeric = new Set(options.numericColumns);
  return {
    header: true,
    columns: [...columns],
    cast: {
      // The header's cells have numeric indexes as their column; data cells have the column's key.
      string: (value, context) =>
        numeric.has(String(context.column)) && !context.header && DECIMAL.test(value) ? value : neutraliseCell(value),
      boolean: (value) => (value ? "true" : "false"),
      date: (value) => value.toISOString(),
      number: (value) => String(value),
      bigint: (value) => value.toString(),
    },
  };
}

/**
 * A chunk's size before it is handed on: one row per chunk would cost a stream round trip (and a
 * network write) per row; much larger would only hold more of the file in memory.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * Header then one line per row, as text chunks of about CHUNK_CHARS; a failing row source fails
 * the iteration. Rows are pulled only as the chunks are: at most a chunk and the streams' small
 * buffers ahead of the reader.
 */
export async function* streamCsv(
  columns: readonly string[],
  rows: AsyncIterable<CsvRow>,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const stringifier = stringify(csvOptions(columns, options));
  // Errors from either side end up destroying the stringifier, which rethrows in the loop below.
  pipeline(Readable.from(rows), stringifier, () => undefined);
  let pending = "";
  for await (const chunk of stringifier) {
    pending += String(chunk);
    if (pending.length >= CHUNK_CHARS) {
      yield pending;
      pending = "";
    }
  }
  if (pending.length > 0) yield pending;
}

/** Adapts a text iterator to a web stream for a Response body, pulling only as fast as the client reads. */
export function toReadableStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
