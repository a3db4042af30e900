import { describe, expect, it } from "vitest";
import { statementName } from "./prepared";

describe("statementName", () => {
  it("names a text the same way every time, and another text otherwise", () => {
    const a = statementName("SELECT $1::int");
    expect(a).toMatch(/^rl_[0-9a-f]{24}$/);
    expect(statementName("SELECT $1::int")).toBe(a);
    expect(statementName("SELECT $1::text")).not.toBe(a);
  });

  it("stops naming new texts past its bound, so text built from data cannot pile up prepared statements", () => {
    const named = statementName("SELECT 1 AS kept");
    for (let i = 0; i < 600; i++) statementName(`SELECT ${i} AS n`);
    expect(statementName("SELECT 'one more' AS n")).toBeUndefined();
    expect(statementName("SELECT 1 AS kept")).toBe(named); // texts named before keep their name
  });
});
