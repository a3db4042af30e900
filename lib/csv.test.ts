import { describe, expect, it } from "vitest";
import { neutraliseCell, streamCsv, type CsvRow } from "./csv";

async function render(columns: string[], rows: CsvRow[]): Promise<string> {
  async function* source() {
    yield* rows;
  }
  let text = "";
  for await (const chunk of streamCsv(columns, source())) text += chunk;
  return text;
}

describe("neutraliseCell", () => {
  it.each(["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "\nx", "\u0000x"])("prefixes %j", (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it("leaves ordinary text alone", () => {
    expect(neutraliseCell("team/app")).toBe("team/app");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });
});

describe("streamCsv", () => {
  it("writes the header, then numbers, booleans, nulls and dates in canonical form", async () => {
    const text = await render(["name", "bytes", "flag", "missing", "at"], [
      { name: "web", bytes: 1234, flag: true, missing: null, at: new Date("2026-11-01T10:00:00.000Z") },
      { name: "api", bytes: -42, flag: false, missing: null, at: null },
    ]);
    expect(text).toBe("name,bytes,flag,missing,at\nweb,1234,true,,2026-11-01T10:00:00.000Z\napi,-42,false,,\n");
  });

  it("neutralises text cells but never numbers", async () => {
    const text = await render(["name", "bytes"], [{ name: "=HYPERLINK(\"x\")", bytes: -5 }, { name: "-rm", bytes: 0 }]);
    expect(text).toBe("name,bytes\n\"'=HYPERLINK(\"\"x\"\")\",-5\n'-rm,0\n");
  });

  it("fails the iteration when the row source fails", async () => {
    async function* failing(): AsyncGenerator<CsvRow> {
      yield { name: "a" };
      throw new Error("database went away");
    }
    const read = async () => {
      for await (const chunk of streamCsv(["name"], failing())) void chunk;
    };
    await expect(read()).rejects.toThrow("database went away");
  });
});
