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

/**
 * Reads a CSV whose cells may be quoted (RFC 4180: "a, b" and "" for a quote), as the costs
 * report's pricing_source is. Line breaks inside cells do not occur in our reports.
 */
export function parseQuotedCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const [headerLine, ...lines] = text.trimEnd().split("\n").map(splitQuotedLine);
  const records = lines.map((cells) => Object.fromEntries(cells.map((cell, i) => [headerLine[i], cell])));
  return { header: headerLine, records };
}

function splitQuotedLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** "12.345678" (the reports' 6 decimals) → 12345678n micro-units, exactly. */
export function toMicros(decimal: string): bigint {
  const [whole, fraction = ""] = decimal.split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole.replace("-", "")) * 1_000_000n + BigInt(fraction.padEnd(6, "0")));
}
