import { describe, expect, it } from "vitest";
import { fromStagedJson, fromStagedText, toStagedJson } from "./staged-json";

describe("staged JSON", () => {
  it("gives back dates as dates, nested in objects and arrays, and leaves strings and undefined fields alone", () => {
    const value = {
      createdAt: new Date("2026-09-01T12:34:56.789Z"),
      name: "2026-09-01T12:34:56.789Z",
      missing: undefined,
      tags: [{ lastUpdatedAt: new Date("2026-01-02T00:00:00Z"), n: 3, ok: true, none: null }],
    };
    const back = fromStagedJson<typeof value>(JSON.parse(toStagedJson(value)));
    expect(back).toEqual({ ...value, missing: undefined });
    expect(back.createdAt).toBeInstanceOf(Date);
    expect(back.tags[0].lastUpdatedAt).toBeInstanceOf(Date);
    expect(typeof back.name).toBe("string");
    expect("missing" in back).toBe(false);
  });

  it("reads staged text back the same way, a string shaped like a tag or a date left a string", () => {
    const value = {
      at: new Date("2026-12-06T01:02:03.004Z"),
      note: '{"$date":"2026-12-06T01:02:03.004Z"}',
      twoKeys: { $date: "2026-12-06T01:02:03.004Z", other: 1 },
      nested: [[new Date(0)], { deep: { when: new Date("2020-02-29T00:00:00Z") } }],
    };
    const back = fromStagedText<typeof value>(toStagedJson(value));
    expect(back).toEqual(value);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.nested[0]).toEqual([new Date(0)]);
    expect(typeof back.note).toBe("string");
    expect(back.twoKeys).toEqual({ $date: "2026-12-06T01:02:03.004Z", other: 1 });
  });
});
