/**
 * Reads the repositories CSV for assertions. A plain split is exact here: ACR repository and
 * registry names never contain commas, quotes or line breaks, and bytes are bare integers.
 */
export type CsvRecord = Record<string, string>;

export function parseSimpleCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const [headerLine, ...lines] = text.trimEnd().split("\n");
  const header = headerLine.split(",");
  const records = lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [header[i], cell])));
  return { header, records };
}
