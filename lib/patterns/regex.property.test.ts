import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { anyRegexMatcher, regexProblem } from "./regex";

/** Tag names as ACR allows them: a word character, then word characters, dots and dashes (128 at most). */
const tagName = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
/** Short tags over a small alphabet, so that patterns built from the same alphabet often match. */
const shortTag = fc.stringMatching(/^[abc019_.-]{0,12}$/);

const ATOMS = [
  "a",
  "b",
  "c",
  "1",
  "9",
  "_",
  "-",
  ".",
  "\\.",
  "\\d",
  "\\w",
  "\\D",
  "[a-c]",
  "[^a]",
  "[\\d.]",
  "(a|b)",
  "(?:1|c)",
];
const QUANTIFIERS = ["", "", "*", "+", "?", "{1,2}", "{2}", "*?", "+?"];
/** Patterns of the kind people write, valid alike in JavaScript and RE2. */
const ordinaryPattern = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof(fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS)), fc.constant(["\\b", ""])), {
      minLength: 1,
      maxLength: 6,
    }),
    fc.boolean(),
  )
  .map(([start, pieces, end]) => `${start ? "^" : ""}${pieces.map(([atom, q]) => atom + q).join("")}${end ? "$" : ""}`);

describe("keep patterns on RE2 (property)", () => {
  it("mean what JavaScript's RegExp meant for ordinary patterns, on any tag", () => {
    fc.assert(
      fc.property(
        ordinaryPattern,
        fc.array(fc.oneof(shortTag, tagName), { minLength: 1, maxLength: 20 }),
        (source, tags) => {
          expect(regexProblem(source)).toBeUndefined();
          const matcher = anyRegexMatcher([source]);
          // The engine keep patterns ran on before, as the oracle (these patterns are small and safe for it).
          const before = new RegExp(source);
          for (const tag of tags) expect(matcher(tag), `${source} on ${tag}`).toBe(before.test(tag));
        },
      ),
      { numRuns: 2_000 },
    );
  }, 30_000);

  it("either compile on RE2 or are refused with a validation error, for any string; what compiles matches any tag quickly", () => {
    const anySource = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({
        unit: fc.constantFrom("(", ")", "?", "=", "!", "<", "\\", "1", "k", "*", ".", "[", "]", "{", "}", "a"),
        maxLength: 60,
      }),
    );
    fc.assert(
      fc.property(
        anySource,
        fc.array(fc.oneof(tagName, fc.string({ maxLength: 300 })), { maxLength: 10 }),
        (source, tags) => {
          const problem = regexProblem(source);
          if (problem !== undefined) {
            expect(problem).toContain(JSON.stringify(source.length > 80 ? `${source.slice(0, 80)}…` : source));
            let thrown: unknown;
            try {
              anyRegexMatcher([source]);
            } catch (error) {
              thrown = error;
            }
            expect(isLedgerError(thrown, "validation")).toBe(true);
            return;
          }
          const matcher = anyRegexMatcher([source]);
          const started = performance.now();
          for (const tag of tags) matcher(tag);
          expect(performance.now() - started).toBeLessThan(1_000);
        },
      ),
      { numRuns: 2_000 },
    );
  }, 30_000);
});
