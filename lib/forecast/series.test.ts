import { describe, expect, it } from "vitest";
import { denseDays } from "./series";

describe("denseDays", () => {
  it("counts every day from the month's first to the covered one, a missing day as zero", () => {
    expect(
      denseDays("2026-11", "2026-11-04", [
        { day: "2026-11-02", micros: 5n },
        { day: "2026-11-04", micros: 7n },
      ]),
    ).toEqual([0n, 5n, 0n, 7n]);
    expect(denseDays("2026-11", "2026-10-31", [])).toEqual([]);
  });
});
