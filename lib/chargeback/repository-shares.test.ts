import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, fraction, ZERO, type Fraction } from "../costs/rational";
import { repositorySharesSum } from "./repository-shares";

type Day = { micros: bigint; bytes: Map<string, bigint> } | { micros: bigint; unowned: true };

/** The definition: every day's share added fraction by fraction. */
function oneByOne(days: readonly Day[]): Map<string, Fraction> {
  const shares = new Map<string, Fraction>();
  for (const day of days) {
    if ("unowned" in day) {
      shares.set("", add(shares.get("") ?? ZERO, fraction(day.micros, 1n)));
      continue;
    }
    const total = [...day.bytes.values()].reduce((s, b) => s + b, 0n);
    for (const [repository, bytes] of day.bytes)
      if (bytes > 0n) shares.set(repository, add(shares.get(repository) ?? ZERO, fraction(day.micros * bytes, total)));
  }
  return shares;
}

function summed(days: readonly Day[]): Map<string, Fraction> {
  const sum = repositorySharesSum();
  for (const day of days) {
    if ("unowned" in day) sum.addUnowned(day.micros);
    else
      sum.addDay(
        day.micros,
        [...day.bytes.values()].reduce((s, b) => s + b, 0n),
        day.bytes,
      );
  }
  const { denominator, numerators } = sum.shares();
  return new Map([...numerators].map(([repository, numerator]) => [repository, fraction(numerator, denominator)]));
}

const sorted = (shares: Map<string, Fraction>) => [...shares].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const day = fc.oneof(
  fc.record({
    micros: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    bytes: fc
      .dictionary(fc.constantFrom("a", "b", "c", "d"), fc.bigInt({ min: 0n, max: 10n ** 12n }), { minKeys: 1 })
      .map((d) => new Map(Object.entries(d)))
      .filter((m) => [...m.values()].some((b) => b > 0n)),
  }),
  fc.record({ micros: fc.bigInt({ min: 1n, max: 10n ** 9n }), unowned: fc.constant(true as const) }),
);

describe("repositorySharesSum", () => {
  it("gives exactly the shares of adding each day's fraction one by one", () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 40 }), (days) => {
        expect(sorted(summed(days))).toEqual(sorted(oneByOne(days)));
      }),
    );
  });

  it("splits each day by its own total and keeps days without bytes under the empty name", () => {
    const shares = summed([
      {
        micros: 30n,
        bytes: new Map([
          ["a", 1n],
          ["b", 2n],
        ]),
      },
      {
        micros: 10n,
        bytes: new Map([
          ["a", 1n],
          ["c", 0n],
        ]),
      },
      { micros: 7n, unowned: true },
    ]);
    expect(sorted(shares)).toEqual([
      ["", { numerator: 7n, denominator: 1n }],
      ["a", { numerator: 20n, denominator: 1n }],
      ["b", { numerator: 20n, denominator: 1n }],
    ]);
  });
});
