import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COST_KINDS } from "../costs/types";
import { decodeKeptRegistryMonth, encodeKeptRegistryMonth, type KeptRegistryMonth } from "./month-codec";

const micros = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
const name = fc.string({ minLength: 1, maxLength: 12 });
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, "0")}`);

const keptMonth: fc.Arbitrary<KeptRegistryMonth> = fc.record({
  record: fc.record({
    registryId: fc.nat(),
    name,
    subscriptionId: name,
    resourceGroup: name,
    location: name,
  }),
  armId: name,
  tags: fc.dictionary(name, fc.string()),
  estimatedMicros: micros,
  allocation: fc.record({
    lines: fc.array(fc.record({ team: name, kind: fc.constantFrom(...COST_KINDS), method: name, micros })),
    repositories: fc.array(
      fc.record({
        team: name,
        repository: fc.option(name, { nil: null }),
        storageMicros: micros,
        attributedBytes: fc.bigInt({ min: 0n, max: 2n ** 62n }),
      }),
    ),
    daily: fc.array(fc.tuple(name, fc.array(fc.record({ day, micros })))).map((entries) => new Map(entries)),
    dailyByKind: fc
      .uniqueArray(
        fc.tuple(
          name,
          fc.uniqueArray(fc.tuple(fc.constantFrom(...COST_KINDS), fc.array(fc.record({ day, micros }))), {
            selector: ([kind]) => kind,
            minLength: 1, // a team is in the map once one of its kinds has a day
          }),
        ),
        { selector: ([team]) => team },
      )
      .map((teams) => new Map(teams.map(([team, kinds]) => [team, new Map(kinds)]))),
    teamBytes: fc.array(fc.tuple(name, fc.bigInt({ min: 0n, max: 2n ** 62n }))).map((entries) => new Map(entries)),
  }),
});

describe("kept registry month codec", () => {
  it("decodes what it encodes, order and bigints included", () => {
    fc.assert(
      fc.property(keptMonth, (month) => {
        expect(decodeKeptRegistryMonth(encodeKeptRegistryMonth(month))).toEqual(month);
      }),
    );
  });

  it("keeps only the registry's identity of a cost record", () => {
    const month = fc.sample(keptMonth, { numRuns: 1, seed: 1 })[0];
    const record = { ...month.record, cost: { total: 1n }, runs: [] };
    expect(decodeKeptRegistryMonth(encodeKeptRegistryMonth({ ...month, record }))).toEqual(month);
  });

  it("reads a registry without cost as null and any other format as unreadable", () => {
    expect(decodeKeptRegistryMonth(encodeKeptRegistryMonth(null))).toBeNull();
    expect(decodeKeptRegistryMonth("{not json")).toBeUndefined();
    expect(decodeKeptRegistryMonth('{"v":0}')).toBeUndefined();
  });
});
