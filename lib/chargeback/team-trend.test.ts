import { describe, expect, it } from "vitest";
import { teamTrendMonths } from "./team-trend";

describe("teamTrendMonths", () => {
  it("is the six months ending with the one shown, oldest first, across a year's turn", () => {
    expect(teamTrendMonths("2026-02")).toEqual(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(teamTrendMonths("2026-12")).toEqual(["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
  });
});
