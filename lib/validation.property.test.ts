/**
 * Property tests of the pages' search-parameter parsing, called the way each page calls it: any
 * value for any known parameter is parsed, or becomes the problem the page shows naming the
 * parameter (parseQuery). Never another error (a server error), and never a string PostgreSQL
 * cannot store passed on to a query.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chargebackPageSchema } from "@/components/chargeback/chargeback-urls";
import { anyOptionValue, edgyText } from "@/lib/testing/arbitraries";
import { reviewMonthSchema } from "./costs/cost-params";
import { daySchema, monthSchema } from "./validation";
import { findingFilterSchema } from "./findings/server/list-findings";
import { trendsPageSchema } from "./storage-history/trends-page-params";
import { listRegistriesParamsSchema } from "./storage/server/list-registries";
import { listRepositoriesParamsSchema } from "./storage/server/list-repositories";
import { planFilterSchema } from "./stale/server/summarize-cleanup-plan";
import { trendSettingsFromQuery } from "./image-size/trend-params";
import {
  decodeSegment,
  firstValues,
  optionName,
  optionsFromParams,
  pageSchema,
  parseInput,
  parseQuery,
  type UrlSearchParams,
} from "./validation";

type Query = Record<string, string | undefined>;

/** Each page's parse, as written in app/<page>/page.tsx. */
const PAGES: Record<string, { params: string[]; parse: (query: Query) => unknown }> = {
  chargeback: {
    params: ["month", "scale"],
    parse: (q) => parseInput(chargebackPageSchema, { month: q.month || undefined, scale: q.scale }),
  },
  costs: { params: ["month"], parse: (q) => parseInput(reviewMonthSchema, { month: q.month || undefined }) },
  findings: {
    params: ["severity", "registry"],
    parse: (q) => parseInput(findingFilterSchema, { severity: q.severity || undefined, registry: q.registry }),
  },
  registries: {
    params: ["search", "subscription", "page", "pageSize"],
    parse: (q) => parseInput(listRegistriesParamsSchema, q),
  },
  repositories: {
    params: ["search", "registry", "sort", "dir", "page", "pageSize", "asOf"],
    parse: (q) => parseInput(listRepositoriesParamsSchema, q),
  },
  stale: {
    params: ["as-of", "registry", "repository", "action", "reason", "page", "repo-page"],
    parse: (q) => [
      parseInput(daySchema.optional(), q["as-of"] || undefined),
      parseInput(planFilterSchema, {
        registry: q.registry,
        repository: q.repository,
        action: q.action || undefined,
        reason: q.reason || undefined,
        page: q.page,
        repositoryPage: q["repo-page"],
      }),
    ],
  },
  sync: { params: ["page"], parse: (q) => parseInput(pageSchema.catch(1), q.page) },
  team: { params: ["month"], parse: (q) => parseInput(monthSchema.optional(), q.month || undefined) },
  trends: {
    params: ["range", "registry", "repository", "search"],
    parse: (q) =>
      parseInput(trendsPageSchema, {
        range: q.range || undefined,
        registry: q.registry,
        repository: q.repository,
        search: q.search,
      }),
  },
  "size-regressions": { params: ["max-growth", "maxGrowth", "baseline"], parse: (q) => trendSettingsFromQuery(q) },
};

/** Next's searchParams: a value, or several for a repeated key. */
const searchValue = fc.oneof(
  { weight: 4, arbitrary: anyOptionValue },
  { weight: 1, arbitrary: fc.array(anyOptionValue, { minLength: 1, maxLength: 3 }) },
);

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  return typeof value === "object" && value !== null && Object.values(value).some(hasNul);
}

describe("pages' search parameters (property)", () => {
  for (const [page, { params, parse }] of Object.entries(PAGES)) {
    it(`${page}: parsed, or refused naming the parameter`, () => {
      const searchParams = fc.dictionary(fc.constantFrom(...params), searchValue, {
        maxKeys: params.length,
      }) as fc.Arbitrary<UrlSearchParams>;
      fc.assert(
        fc.property(searchParams, (raw) => {
          const parsed = parseQuery(() => parse(firstValues(raw)));
          if (parsed.ok) return void expect(hasNul(parsed.value)).toBe(false);
          expect(parsed.problem).toMatch(/^[\w.]+: \S/);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("parseQuery", () => {
  it("lets an error other than a validation error through", () => {
    expect(() => parseQuery(() => JSON.parse("{"))).toThrow(SyntaxError);
  });
});

describe("optionsFromParams (property)", () => {
  it("keeps every parameter as an own option under its camelCase name, with its last value", () => {
    const pairs = fc.array(
      fc.tuple(
        fc.oneof(edgyText, fc.constantFrom("as-of", "max-growth", "__proto__", "constructor", "hasOwnProperty")),
        anyOptionValue,
      ),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(pairs, (given) => {
        const options = optionsFromParams(new URLSearchParams(given));
        const expected = new Map([...new URLSearchParams(given)].map(([k, v]) => [optionName(k), v]));
        expect(Object.keys(options).sort()).toEqual([...expected.keys()].sort());
        for (const [name, value] of expected) expect(Object.getOwnPropertyDescriptor(options, name)?.value).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe("decodeSegment (property)", () => {
  it("decodes an encoded name, and gives a name PostgreSQL can hold for any segment", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (name) => {
        expect(decodeSegment(encodeURIComponent(name))).toBe(name.replaceAll("\u0000", "\uFFFD"));
        expect(decodeSegment(name)).not.toContain("\u0000");
      }),
      { numRuns: 500 },
    );
    expect(decodeSegment("%zz")).toBe("%zz");
    expect(decodeSegment("%00")).toBe("\uFFFD");
  });
});
