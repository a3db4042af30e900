/**
 * The one CSV writer: csv-stringify, streamed. Text cells that a spreadsheet would run as a
 * formula (leading = + - @ or a control character) are prefixed with a quote; numbers stay
 * numbers and are never touched, so a negative gap reads as -42, not '-42.
 */
import { Readable, pipeline } from "node:stream";
import { stringify, type Options } from "csv-stringify";

export type CsvCell = string | number | boolean | Date | null;
export type CsvRow = Record<string, CsvCell>;

const FORMULA_START = /^[=+\-@\u0000-\u001f]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvOptions(columns: readonly string[]): Options {
  return {
    header: true,
    columns: [...columns],
    cast: {
      string: neutraliseCell,
      boolean: (value) => (value ? "true" : "false"),
      date: (value) => value.toISOString(),
      number: (value) => String(value),
    },
  };
}

/** Header then one line per row, as text chunks; a failing row source fails the iteration. */
export async function* streamCsv(columns: readonly string[], rows: AsyncIterable<CsvRow>): AsyncGenerator<string> {
  const stringifier = stringify(csvOptions(columns));
  // Errors from either side end up destroying the stringifier, which rethrows in the loop below.
  pipeline(Readable.from(rows), stringifier, () => undefined);
  for await (const chunk of stringifier) yield String(chunk);
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
