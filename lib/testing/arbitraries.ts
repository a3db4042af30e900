/**
 * fast-check arbitraries for the property tests of user-input parsers: documents shaped like the
 * real ones with any JSON value in any field, and strings that often hit a parser's edges.
 */
import fc from "fast-check";

/** Strings that often hit the parser's edges: blank, padded, reserved, prototype keys, glob syntax. */
export const edgyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", " ", "*", "**", "unallocated", "UNALLOCATED", "__proto__", "constructor", "toString", "even", "proportional", "owner:", "owner: x", "team=", "=x", "a=b", "[", "{a,", "!(", "x/**/y", "\u0000", "𝔘"),
  fc.string({ minLength: 199, maxLength: 202 }),
);
export const anyValue = fc.oneof(edgyText, fc.jsonValue({ maxDepth: 2 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const team = fc.record({ name: maybe(anyValue), costCenter: maybe(anyValue), contacts: maybe(fc.oneof(fc.array(edgyText, { maxLength: 3 }), anyValue)) }, { requiredKeys: [] });
const rule = fc.record({ registry: maybe(anyValue), registryTag: maybe(anyValue), repository: maybe(anyValue), team: maybe(anyValue) }, { requiredKeys: [] });
const feeMethod = fc.oneof(fc.constantFrom("proportional", "even", "owner:platform", " even ", "owner: payments "), anyValue);
export const chargebackByRegistry = fc.dictionary(edgyText, feeMethod, { maxKeys: 4 });

/** Chargeback rules documents shaped like the real one, with any value in any field (and now and then an unknown field). */
const nearDocument = fc.record(
  {
    teams: fc.oneof(fc.array(fc.oneof(team, anyValue), { maxLength: 3 }), anyValue),
    rules: fc.oneof(fc.array(fc.oneof(rule, anyValue), { maxLength: 4 }), anyValue),
    fixedFees: fc.oneof(fc.record({ default: maybe(feeMethod), byRegistry: maybe(fc.oneof(chargebackByRegistry, anyValue)) }, { requiredKeys: [] }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
export const anyChargebackDocument = fc.oneof(nearDocument, fc.jsonValue({ maxDepth: 4 }));


const teamName = fc.constantFrom("payments", "platform", "data", "web", "ops");
/** Rules documents that validate: saving one must succeed. */
export const validChargebackDocument = fc.record({
  teams: fc.uniqueArray(fc.record({ name: teamName, costCenter: fc.constantFrom("CC-100", "CC-200") }), { selector: (t) => t.name, maxLength: 3 }),
  rules: fc.array(
    fc.record({ registry: fc.constantFrom("*", "main", "EDGE"), repository: fc.constantFrom("**", "team/*", "base", "payments/**", "*"), team: teamName }),
    { maxLength: 4 },
  ),
  fixedFees: fc.record({ default: fc.constantFrom("proportional", "even", "owner:ops"), byRegistry: fc.constantFrom({}, { main: "even" }, { edge: "owner:platform" }) }),
});

/** A request body: text of any document (mostly invalid), a valid one now and then, or any text at all. */
export const chargebackBody = fc.oneof(
  { weight: 3, arbitrary: anyChargebackDocument.map((d) => JSON.stringify(d) ?? "") },
  { weight: 1, arbitrary: validChargebackDocument.map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", "{", "null", "[]", "\uFEFF{}", '{"teams":[{"name":"a"},{"name":"a"}]}')) },
);
