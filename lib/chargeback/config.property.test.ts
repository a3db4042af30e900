/**
 * Property tests of the chargeback rules document, a parser of user input (the editor, the API,
 * `--rules FILE`): any JSON value or text is either a config that round-trips through its canonical
 * form and compiles into an owner resolver, or a LedgerError("validation") whose lines name fields.
 * Never another error, never a silently dropped entry.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLedgerError } from "@/lib/errors";
import { anyChargebackDocument as anyDocument, chargebackByRegistry as byRegistry } from "@/lib/testing/arbitraries";
import {
  feeMethodFor,
  parseChargebackConfig,
  parseChargebackConfigText,
  parseFeeMethod,
  serializeChargebackConfig,
  type ChargebackConfig,
} from "./config";
import { matchingRules, ownerResolver } from "./ownership";

const PROBLEM_LINE = /^ {2}\S.*: \S/;

/** The config, or the validation error's message; any other throw fails the property. */
function parseOrMessage(parse: () => ChargebackConfig): ChargebackConfig | string {
  try {
    return parse();
  } catch (error) {
    expect(isLedgerError(error, "validation"), `not a validation error: ${String(error)}`).toBe(true);
    return (error as Error).message;
  }
}

function expectNamedProblems(message: string) {
  const [head, ...lines] = message.split("\n");
  expect(head).toBe("Invalid chargeback config:");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
}

function expectUsable(config: ChargebackConfig) {
  expect(parseChargebackConfigText(serializeChargebackConfig(config))).toEqual(config);
  const registry = { name: "contosoprod", tags: { team: "platform" } };
  expect(() => ownerResolver(config)(registry, "payments/api")).not.toThrow();
  expect(() => matchingRules(config)(registry, "a/b/c")).not.toThrow();
}

describe("chargeback rules document (property)", () => {
  it("accepts a document whole (round trip, compiled rules) or names every bad field", () => {
    fc.assert(
      fc.property(anyDocument, (document) => {
        // Through JSON as every caller receives it: JSON.parse gives "__proto__" as an own key.
        const json: unknown = JSON.parse(JSON.stringify(document) ?? "null");
        const result = parseOrMessage(() => parseChargebackConfig(json));
        if (typeof result === "string") expectNamedProblems(result);
        else expectUsable(result);
      }),
      { numRuns: 600 },
    );
  });

  it("keeps every fee method it accepts: no registry's entry is dropped or merged into another", () => {
    fc.assert(
      fc.property(byRegistry, (entries) => {
        const given = JSON.parse(JSON.stringify(entries)) as Record<string, unknown>;
        const result = parseOrMessage(() => parseChargebackConfig({ fixedFees: { byRegistry: given } }));
        if (typeof result === "string") return expectNamedProblems(result);
        expect(Object.keys(result.fixedFees.byRegistry)).toHaveLength(Object.keys(given).length);
        for (const [name, method] of Object.entries(given))
          expect(feeMethodFor(result, name.trim())).toEqual(parseFeeMethod(String(method).trim()));
      }),
      { numRuns: 400 },
    );
  });

  it("turns any text into a config or a validation error naming the document", () => {
    const texts = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.json({ maxDepth: 3 }),
      anyDocument.map((d) => JSON.stringify(d) ?? ""),
      fc.constantFrom("", "{", "[]", "null", '{"teams":', "\uFEFF{}"),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const result = parseOrMessage(() => parseChargebackConfigText(text));
        if (typeof result === "string") expectNamedProblems(result);
        else expectUsable(result);
      }),
      { numRuns: 400 },
    );
  });
});

describe("chargeback rules document: fee methods by registry", () => {
  const problemsOf = (byRegistryJson: string) =>
    parseOrMessage(() => parseChargebackConfigText(`{"fixedFees":{"byRegistry":${byRegistryJson}}}`));

  it("refuses two names of one registry instead of keeping either silently", () => {
    expect(problemsOf('{"prod":"even"," prod":"owner:ops"}')).toBe(
      'Invalid chargeback config:\n  fixedFees.byRegistry[" prod"]: names the same registry as "prod"',
    );
    expect(problemsOf('{"Prod":"even","prod":"owner:ops"}')).toBe(
      'Invalid chargeback config:\n  fixedFees.byRegistry.prod: names the same registry as "Prod"',
    );
  });

  it("refuses a __proto__ key, which would otherwise vanish", () => {
    expect(problemsOf('{"__proto__":"even"}')).toBe(
      "Invalid chargeback config:\n  fixedFees.byRegistry.__proto__: is not a registry name",
    );
  });

  it("stores a padded name trimmed", () => {
    expect(problemsOf('{" prod ":"even"}')).toMatchObject({ fixedFees: { byRegistry: { prod: "even" } } });
  });
});
