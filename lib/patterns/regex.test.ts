import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "@/lib/stale/policy";
import { anyRegexMatcher, MAX_REGEX_LENGTH, regexProblem } from "./regex";

/** Every keep pattern the README, the defaults and the tests show, with the tags they were written against. */
const EXAMPLE_PATTERNS = [
  ...DEFAULT_RULES.keepPatterns,
  "\\.sig$",
  "^prod-",
  "^prod$",
  "prod",
  "^release-\\d{4}\\.\\d{2}$",
  "-(rc|beta)\\.?\\d*$",
  "^[a-f0-9]{7,40}$",
];
const TAGS = [
  "latest",
  "latest-1",
  "v1.2.3",
  "1.2.3",
  "v1.2.3-rc.1",
  "v10.20.30",
  "1.2",
  "prod",
  "prod-eu",
  "preprod",
  "product",
  "release-2026.11",
  "release-2026.1",
  "2.0.0-beta.2",
  "2.0.0-rc",
  "sha256-0123abcd.sig",
  "sha256-0123abcd.sig.bak",
  "a1b2c3d",
  "A1B2C3D",
  "main-a1b2c3d",
  "",
];

describe("anyRegexMatcher", () => {
  it("matches every example policy's patterns on the same tags JavaScript's RegExp matched (unanchored search)", () => {
    for (const source of EXAMPLE_PATTERNS) {
      const matcher = anyRegexMatcher([source]);
      // The engine keep patterns ran on before: the oracle for what existing policies keep.
      const before = new RegExp(source);
      for (const tag of TAGS) expect(matcher(tag), `${source} on ${JSON.stringify(tag)}`).toBe(before.test(tag));
    }
  });

  it("keeps the defaults' meaning: semver with an optional v and latest, anchored", () => {
    const kept = anyRegexMatcher(DEFAULT_RULES.keepPatterns);
    expect(TAGS.filter(kept)).toEqual(["latest", "v1.2.3", "1.2.3", "v10.20.30"]);
    expect(anyRegexMatcher([])("latest")).toBe(false);
  });

  it("runs the pattern that froze the server against long tags at once", () => {
    const matcher = anyRegexMatcher([`(${".*".repeat(24)})!`]);
    const started = performance.now();
    for (const length of [12, 30, 128]) expect(matcher("x".repeat(length))).toBe(false);
    expect(matcher(`${"x".repeat(127)}!`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("throws a validation error naming a refused pattern", () => {
    expect(() => anyRegexMatcher(["^ok$", "(a)\\1"])).toThrow(
      /Invalid regular expression: it uses the backreference "\\1".*: "\(a\)\\\\1"/,
    );
  });
});

describe("regexProblem", () => {
  it("refuses what RE2 cannot run, naming the construct and the pattern", () => {
    expect(regexProblem("^(?=v)\\d")).toBe(
      'uses a lookahead "(?=", which RE2 (the linear-time engine patterns run on) does not support: "^(?=v)\\\\d"',
    );
    expect(regexProblem("^(?!tmp-)")).toMatch(/^uses a negative lookahead "\(\?!"/);
    expect(regexProblem("(?<=v)1")).toMatch(/^uses a lookbehind "\(\?<="/);
    expect(regexProblem("(?<!v)1")).toMatch(/^uses a negative lookbehind "\(\?<!"/);
    expect(regexProblem("(a)\\1")).toMatch(/^uses the backreference "\\1"/);
    expect(regexProblem("(?<x>a)\\k<x>")).toMatch(/^uses the named backreference/);
  });

  it("refuses escapes RE2 reads otherwise than JavaScript did, saying what to write", () => {
    expect(regexProblem("\\u0041")).toMatch(/the escape "\\u" \(write \\x\{hex\} instead\)/);
    expect(regexProblem("\\z")).toMatch(
      /the escape "\\z" \(the end of the text in RE2, the letter z in JavaScript; write z for the letter\)/,
    );
    expect(regexProblem("\\pL")).toMatch(/a Unicode class in RE2/);
    expect(regexProblem("[\\A]")).toMatch(/the escape "\\A"/);
  });

  it("accepts escaped backslashes, lookaround-like text inside a class and escaped parentheses", () => {
    for (const source of [
      "\\\\1",
      "[(?=]",
      "\\(?=x\\)",
      "(?:a|b)+",
      "(?<name>v)\\d",
      "^\\d+\\.\\d+$",
      "[\\w.-]+",
      "\\bv1\\b",
    ])
      expect(regexProblem(source), source).toBeUndefined();
  });

  it("names invalid syntax with RE2's reason, and a pattern over the length limit", () => {
    expect(regexProblem("(unclosed")).toBe(
      'is not a valid regular expression: "(unclosed" (RE2: missing closing ): `(unclosed`)',
    );
    expect(regexProblem("a".repeat(MAX_REGEX_LENGTH))).toBeUndefined();
    expect(regexProblem("a".repeat(MAX_REGEX_LENGTH + 1))).toMatch(
      new RegExp(`^is longer than ${MAX_REGEX_LENGTH} characters: "a{80}…"$`),
    );
  });
});
