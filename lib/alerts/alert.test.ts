import { describe, expect, it } from "vitest";
import { budgetAlertPayload, retryDelaySeconds, teamUrl } from "./alert";

describe("budgetAlertPayload", () => {
  it("carries the issue's fields, money as two-decimal strings, and its key as id", () => {
    const payload = budgetAlertPayload(
      {
        team: "payments",
        month: "2026-11",
        threshold: { basis: "forecast", percent: 80 },
        actualToDate: 150_004_999n,
        forecast: 210_000_000n,
        budget: 250_000_000n,
        currency: "USD",
      },
      "https://ledger.example.com/",
    );
    expect(payload).toEqual({
      kind: "budget",
      id: "budget:2026-11:forecast:80:payments",
      team: "payments",
      month: "2026-11",
      threshold: "forecast:80",
      actual: "150.00",
      forecast: "210.00",
      budget: "250.00",
      currency: "USD",
      url: "https://ledger.example.com/teams/payments?month=2026-11",
    });
  });

  it("escapes a team name in the page address", () => {
    expect(teamUrl("http://127.0.0.1:3000", "data & ml", "2026-11")).toBe(
      "http://127.0.0.1:3000/teams/data%20%26%20ml?month=2026-11",
    );
  });
});

describe("retryDelaySeconds", () => {
  it("doubles from 30 s and stops at an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelaySeconds(n))).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
});
