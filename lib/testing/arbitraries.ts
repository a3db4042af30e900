/**
 * fast-check arbitraries for the property tests of user-input parsers: documents shaped like the
 * real ones with any JSON value in any field, and strings that often hit a parser's edges.
 */
import fc from "fast-check";

/** Strings that often hit the parser's edges: blank, padded, reserved, prototype keys, glob syntax. */
export const edgyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    " ",
    "*",
    "**",
    "unallocated",
    "UNALLOCATED",
    "__proto__",
    "constructor",
    "toString",
    "even",
    "proportional",
    "owner:",
    "owner: x",
    "team=",
    "=x",
    "a=b",
    "[",
    "{a,",
    "!(",
    "x/**/y",
    "\u0000",
    "𝔘",
  ),
  fc.string({ minLength: 199, maxLength: 202 }),
);
export const anyValue = fc.oneof(edgyText, fc.jsonValue({ maxDepth: 2 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const team = fc.record(
  {
    name: maybe(anyValue),
    costCenter: maybe(anyValue),
    contacts: maybe(fc.oneof(fc.array(edgyText, { maxLength: 3 }), anyValue)),
  },
  { requiredKeys: [] },
);
const rule = fc.record(
  { registry: maybe(anyValue), registryTag: maybe(anyValue), repository: maybe(anyValue), team: maybe(anyValue) },
  { requiredKeys: [] },
);
const feeMethod = fc.oneof(
  fc.constantFrom("proportional", "even", "owner:platform", " even ", "owner: payments "),
  anyValue,
);
export const chargebackByRegistry = fc.dictionary(edgyText, feeMethod, { maxKeys: 4 });

/** Chargeback rules documents shaped like the real one, with any value in any field (and now and then an unknown field). */
const nearDocument = fc.record(
  {
    teams: fc.oneof(fc.array(fc.oneof(team, anyValue), { maxLength: 3 }), anyValue),
    rules: fc.oneof(fc.array(fc.oneof(rule, anyValue), { maxLength: 4 }), anyValue),
    fixedFees: fc.oneof(
      fc.record(
        { default: maybe(feeMethod), byRegistry: maybe(fc.oneof(chargebackByRegistry, anyValue)) },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
export const anyChargebackDocument = fc.oneof(nearDocument, fc.jsonValue({ maxDepth: 4 }));

const teamName = fc.constantFrom("payments", "platform", "data", "web", "ops");
/** Rules documents that validate: saving one must succeed. */
export const validChargebackDocument = fc.record({
  teams: fc.uniqueArray(fc.record({ name: teamName, costCenter: fc.constantFrom("CC-100", "CC-200") }), {
    selector: (t) => t.name,
    maxLength: 3,
  }),
  rules: fc.array(
    fc.record({
      registry: fc.constantFrom("*", "main", "EDGE"),
      repository: fc.constantFrom("**", "team/*", "base", "payments/**", "*"),
      team: teamName,
    }),
    { maxLength: 4 },
  ),
  fixedFees: fc.record({
    default: fc.constantFrom("proportional", "even", "owner:ops"),
    byRegistry: fc.constantFrom({}, { main: "even" }, { edge: "owner:platform" }),
  }),
});

/** A request body: text of any document (mostly invalid), a valid one now and then, or any text at all. */
export const chargebackBody = fc.oneof(
  { weight: 3, arbitrary: anyChargebackDocument.map((d) => JSON.stringify(d) ?? "") },
  { weight: 1, arbitrary: validChargebackDocument.map((d) => JSON.stringify(d)) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("", "{", "null", "[]", "\uFEFF{}", '{"teams":[{"name":"a"},{"name":"a"}]}'),
    ),
  },
);

/** Values a query parameter or CLI flag may carry: any text, and the near misses of dates, numbers, choices and documents. */
export const anyOptionValue = fc.oneof(
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "2026-11",
      "2026-13",
      "2026-00",
      "0000-01",
      "99999-01",
      "2026-11-01",
      "2026-02-30",
      "1969-12-31",
      "9999-12-31",
      "0001-01-01",
      "2026-11-01T00:00:00Z",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "-1",
      "0",
      "1",
      "1.5",
      "1e309",
      "NaN",
      "Infinity",
      "10%",
      "-5%",
      "1e400%",
      "100000000000000000000",
      "0x10",
      "median:0",
      "median:5",
      "median:99999999999",
      "median:",
      "previous",
      "mean",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "csv",
      "script",
      "json",
      "CSV",
      "main",
      "edge",
      "team/web",
      "critical",
      "warning",
      "delete",
      "keep",
      "*",
      "**",
      "%",
      "%zz",
      "\u0000",
      "𝔘",
      "a".repeat(300),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "{}",
      "[]",
      "null",
      '{"olderThanDays":-1}',
      '{"olderThanDays":30,"keepLatest":2}',
      '{"teams":[]}',
      '{"rules":[{"registry":"*","repository":"**","team":"x"}]}',
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
);

/** A set of options: some of the known names (camelCase or kebab-case), now and then an unknown one. */
export function optionSets(known: readonly string[]) {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.constantFrom(...known).map(kebab) },
    { weight: 1, arbitrary: edgyText },
  );
  return fc.array(fc.tuple(name, anyOptionValue), { maxLength: 4 });
}
