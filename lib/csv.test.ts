import { describe, expect, it } from "vitest";
import { neutraliseCell, streamCsv, type CsvRow } from "./csv";

async function render(columns: string[], rows: CsvRow[], numericColumns?: string[]): Promise<string> {
  async function* source() {
    yield* rows;
  }
  let text = "";
  for await (const chunk of streamCsv(columns, source(), { numericColumns })) text += chunk;
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
    const text = await render(
      ["name", "bytes", "flag", "missing", "at"],
      [
        { name: "web", bytes: 1234, flag: true, missing: null, at: new Date("2026-11-01T10:00:00.000Z") },
        { name: "api", bytes: -42, flag: false, missing: null, at: null },
      ],
    );
    expect(text).toBe("name,bytes,flag,missing,at\nweb,1234,true,,2026-11-01T10:00:00.000Z\napi,-42,false,,\n");
  });

  it("neutralises text cells but never numbers", async () => {
    const text = await render(
      ["name", "bytes"],
      [
        { name: '=HYPERLINK("x")', bytes: -5 },
        { name: "-rm", bytes: 0 },
      ],
    );
    expect(text).toBe('name,bytes\n"\'=HYPERLINK(""x"")",-5\n\'-rm,0\n');
  });

  it("writes negative amounts as numbers: number, bigint, or a decimal in a column declared numeric", async () => {
    const text = await render(
      ["credit", "micros", "cost"],
      [{ credit: -12.34, micros: -12_340_000n, cost: "-12.340000" }],
      ["cost"],
    );
    expect(text).toBe("credit,micros,cost\n-12.34,-12340000,-12.340000\n");
  });

  it.each(["-12.340000", "-1", "+1", "=1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t-1", "-1e5"])(
    "still guards the text %j in a text column",
    async (value) => {
      const text = await render(["team"], [{ team: value }]);
      expect(text).toMatch(/^team\n"?'/);
    },
  );

  it.each(['=HYPERLINK("x")', "-1+2", "-", "-.5", "+12.5", "-12.34\n=1", "@-1"])(
    "guards the text %j even in a numeric column",
    async (value) => {
      const text = await render(["cost"], [{ cost: value }], ["cost"]);
      expect(text.slice("cost\n".length)).toMatch(/^"?'/);
    },
  );

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
