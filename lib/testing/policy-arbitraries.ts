/** fast-check arbitraries of stale-tag policy documents and the patterns in them, for property tests. */
import fc from "fast-check";

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Regular expressions people write, those RE2 refuses (lookaround, backreferences), the hostile one, and any text. */
export const anyKeepPattern = fc.oneof(
  fc.constantFrom(
    "^v?\\d+\\.\\d+\\.\\d+$",
    "^latest$",
    "\\.sig$",
    "^prod-",
    "(?=x)",
    "(?<!a)b",
    "(a)\\1",
    "\\u0041",
    "(",
    "[",
    `(${".*".repeat(24)})!`,
    "a{1000}{1000}",
  ),
  fc.string({
    unit: fc.constantFrom("(", ")", "?", "=", "!", "<", "\\", "1", "*", ".", "[", "]", "{", "}", "a", "^", "$"),
    maxLength: 40,
  }),
  fc.string({ maxLength: 300 }),
);

/** Globs people write, the refused kinds, the backtracking one, and any text. */
export const anyRepositoryGlob = fc.oneof(
  fc.constantFrom(
    "team-a/**",
    "**",
    "*-global",
    "{a,b}/*",
    "@(a|b)",
    "[!a]",
    "a**",
    "",
    " ",
    `${"*?".repeat(20)}!`,
    "x".repeat(300),
  ),
  fc.string({ unit: fc.constantFrom("*", "?", "/", "{", "}", ",", "[", "]", "!", "(", ")", "a", "\\"), maxLength: 40 }),
  fc.string({ maxLength: 60 }),
);

const anyValue = fc.jsonValue({ maxDepth: 2 });
const days = fc.oneof(fc.integer({ min: -5, max: 40_000 }), fc.double(), anyValue);

const override = fc.record(
  {
    registry: maybe(fc.oneof(fc.constantFrom("*", "acme", ""), anyValue)),
    repository: maybe(fc.oneof(anyRepositoryGlob, anyValue)),
    olderThanDays: maybe(days),
    keepLatest: maybe(days),
    keepPatterns: maybe(fc.oneof(fc.array(anyKeepPattern, { maxLength: 4 }), anyValue)),
    untaggedOlderThanDays: maybe(days),
  },
  { requiredKeys: [] },
);

/** Policy documents shaped like the real one with any value in any field, and any JSON at all. */
export const anyPolicyDocument = fc.oneof(
  fc.record(
    {
      olderThanDays: maybe(days),
      keepLatest: maybe(days),
      keepPatterns: maybe(fc.oneof(fc.array(anyKeepPattern, { maxLength: 5 }), anyValue)),
      untaggedOlderThanDays: maybe(days),
      overrides: maybe(fc.oneof(fc.array(override, { maxLength: 3 }), anyValue)),
      colour: maybe(anyValue),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Tag names as ACR allows them, and any text. */
export const anyTagName = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/),
  fc.string({ maxLength: 200 }),
);
