/**
 * Property tests of the argument parsers every CLI shares: any text is a value in range or a
 * commander InvalidArgumentError (which parseArgs turns into exit 2 with a one-line message);
 * parseArgs itself answers null (go on), 0 or 2 for any argv and never throws.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayStart, isoDay } from "@/lib/calendar";
import { anyOptionValue, edgyText } from "@/lib/testing/arbitraries";
import { dayArgument, parseArgs, wholeNumberArgument } from "./cli";

const text = fc.oneof(
  anyOptionValue,
  edgyText,
  fc.integer().map(String),
  fc.constantFrom("12abc", " 7 ", "+3", "1_000", "٣", "0777", "2026-1-1", "20261101"),
);

function parsedOrRefused<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toContain("\n");
    return undefined;
  }
}

describe("CLI argument parsers (property)", () => {
  it("wholeNumberArgument gives a whole number in range or refuses", () => {
    fc.assert(
      fc.property(text, fc.nat(100), fc.nat(100_000), (value, min, span) => {
        const n = parsedOrRefused(() => wholeNumberArgument(min, min + span)(value));
        if (n === undefined) return;
        expect(Number.isSafeInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(min);
        expect(n).toBeLessThanOrEqual(min + span);
        expect(String(n)).toBe(value.trim().replace(/^0+(?=\d)/, ""));
      }),
      { numRuns: 1000 },
    );
  });

  it("dayArgument gives a calendar day or refuses", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.date({ noInvalidDate: true }).map(isoDay)), (value) => {
        const day = parsedOrRefused(() => dayArgument(value));
        if (day === undefined) return;
        expect(isoDay(dayStart(day))).toBe(day);
      }),
      { numRuns: 1000 },
    );
  });

  it("parseArgs answers null, 0 or 2 for any argv and never throws", () => {
    const word = fc.oneof(
      text,
      fc.constantFrom(
        "--json",
        "--date",
        "--concurrency",
        "--scale",
        "--help",
        "-h",
        "--",
        "-",
        "--bogus",
        "--date=2026-11-01",
      ),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
        const output: string[] = [];
        // The shape of sync's and the simulator's programs, with the shared parsers.
        const program = new Command("sample")
          .option("--json")
          .option("--date <YYYY-MM-DD>", "day", dayArgument)
          .option("--concurrency <n>", "n", wholeNumberArgument(1, 64))
          .addOption(new Option("--scale <scale>").choices(["small", "medium", "large"]))
          .exitOverride()
          .configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) });
        const result = parseArgs(program, argv);
        expect([null, 0, 2]).toContain(result);
        if (result === 2) expect(output.join("")).toMatch(/^error: .+\n$/);
      }),
      { numRuns: 1000 },
    );
  });
});
