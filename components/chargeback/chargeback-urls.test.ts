import { describe, expect, it } from "vitest";
import { currentUtcDay, lastCompleteMonth } from "@/lib/calendar";
import { billedImportUrl } from "./billed-urls";
import { chargebackCsvHref, chargebackHref, chargebackPageSchema } from "./chargeback-urls";

describe("chargeback URLs", () => {
  it("reads the month and scale=billed from the query; anything else is the estimate", () => {
    expect(chargebackPageSchema.parse({ month: "2026-10", scale: "billed" })).toEqual({
      month: "2026-10",
      scale: true,
    });
    expect(chargebackPageSchema.parse({ month: "2026-10", scale: "yes" })).toEqual({ month: "2026-10", scale: false });
    expect(chargebackPageSchema.parse({})).toEqual({ month: lastCompleteMonth(currentUtcDay()), scale: false });
    expect(chargebackPageSchema.safeParse({ month: "2026-13" }).success).toBe(false);
  });

  it("gives the page and its CSV the same month and scale", () => {
    expect(chargebackHref({ month: "2026-11", scale: false })).toBe("/chargeback?month=2026-11");
    expect(chargebackCsvHref({ month: "2026-11", scale: true })).toBe(
      "/api/reports/chargeback.csv?month=2026-11&scale=billed",
    );
    expect(billedImportUrl("2026-11")).toBe("/api/chargeback/billed?month=2026-11");
  });

  it("carries rules=current (today's rules) to the page and the CSV; anything else is the month-end rules", () => {
    expect(chargebackPageSchema.parse({ month: "2026-10", rules: "current" })).toEqual({
      month: "2026-10",
      scale: false,
      currentRules: true,
    });
    expect(chargebackPageSchema.parse({ month: "2026-10", rules: "latest" })).toEqual({
      month: "2026-10",
      scale: false,
    });
    const state = { month: "2026-11", scale: true, currentRules: true };
    expect(chargebackHref(state)).toBe("/chargeback?month=2026-11&scale=billed&rules=current");
    expect(chargebackCsvHref(state)).toBe("/api/reports/chargeback.csv?month=2026-11&scale=billed&rules=current");
  });
});
