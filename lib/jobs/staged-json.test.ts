import { describe, expect, it } from "vitest";
import { fromStagedJson, toStagedJson } from "./staged-json";

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
});
