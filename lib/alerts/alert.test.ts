import { describe, expect, it } from "vitest";
import {
  budgetAlertPayload,
  repositoryAnomalyPayload,
  retryDelaySeconds,
  teamAnomalyKey,
  teamAnomalyPayload,
  teamUrl,
} from "./alert";

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

describe("repositoryAnomalyPayload", () => {
  it("names the repository, the day, the rise in bytes and the manifests pushed that day", () => {
    const payload = repositoryAnomalyPayload(
      {
        day: "2026-11-02",
        registry: "contosoprod",
        repository: "ml/trainer",
        team: "data",
        previous: 26n << 30n,
        value: 66n << 30n,
        rise: 40n << 30n,
        threshold: 1073741824.4,
        causes: [{ digest: "sha256:big", tags: ["latest"], bytes: 40n << 30n }],
      },
      "http://127.0.0.1:3000",
    );
    expect(payload).toEqual({
      kind: "anomaly",
      id: "anomaly:repository:2026-11-02:contosoprod/ml/trainer",
      subject: "repository",
      team: "data",
      month: "2026-11",
      day: "2026-11-02",
      registry: "contosoprod",
      repository: "ml/trainer",
      value: String(66n << 30n),
      previous: String(26n << 30n),
      rise: "42949672960",
      threshold: "1073741825",
      unit: "bytes",
      causes: [
        {
          registry: "contosoprod",
          repository: "ml/trainer",
          digest: "sha256:big",
          tags: ["latest"],
          bytes: "42949672960",
        },
      ],
      url: "http://127.0.0.1:3000/teams/data?month=2026-11",
    });
  });
});

describe("teamAnomalyPayload", () => {
  it("names the team, the day, the rise in the currency with two decimals and the pushes into its repositories", () => {
    const payload = teamAnomalyPayload(
      {
        day: "2026-11-02",
        team: "data & ml",
        previous: 7_504_999n,
        value: 19_845_001n,
        rise: 12_340_002n,
        threshold: 1_200_000.1,
        currency: "USD",
        causes: [{ registry: "contosoprod", repository: "ml/trainer", digest: "sha256:big", tags: ["v2"], bytes: 5n }],
      },
      "http://127.0.0.1:3000",
    );
    expect(payload).toEqual({
      kind: "anomaly",
      id: "anomaly:team:2026-11-02:data & ml",
      subject: "team",
      team: "data & ml",
      month: "2026-11",
      day: "2026-11-02",
      registry: null,
      repository: null,
      value: "19.85",
      previous: "7.50",
      rise: "12.34",
      threshold: "1.20",
      unit: "USD",
      causes: [{ registry: "contosoprod", repository: "ml/trainer", digest: "sha256:big", tags: ["v2"], bytes: "5" }],
      url: "http://127.0.0.1:3000/teams/data%20%26%20ml?month=2026-11",
    });
  });

  it("has one key per team and day, apart from a repository's", () => {
    expect(teamAnomalyKey("data", "2026-11-02")).not.toBe(teamAnomalyKey("data", "2026-11-03"));
    expect(teamAnomalyKey("data", "2026-11-02")).not.toBe(teamAnomalyKey("search", "2026-11-02"));
  });
});
