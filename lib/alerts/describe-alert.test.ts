import { describe, expect, it } from "vitest";
import { budgetAlertPayload, repositoryAnomalyPayload } from "./alert";
import { describeAlert } from "./describe-alert";

describe("describeAlert", () => {
  it("says which threshold of which budget was reached", () => {
    const payload = budgetAlertPayload(
      {
        team: "payments",
        month: "2026-11",
        threshold: { basis: "actual", percent: 100 },
        actualToDate: 251_500_000n,
        forecast: 300_000_000n,
        budget: 250_000_000n,
        currency: "EUR",
      },
      "http://localhost:3000",
    );
    expect(describeAlert(payload)).toBe(
      "payments's actual reached 100 % of its 2026-11 budget of 250.00 EUR (cost to date 251.50 EUR)",
    );
  });

  it("says which repository grew, by how much, and what was pushed", () => {
    const payload = repositoryAnomalyPayload(
      {
        day: "2026-11-02",
        registry: "contosoprod",
        repository: "ml/trainer",
        team: "data",
        previous: 0n,
        value: 40n << 30n,
        rise: 40n << 30n,
        threshold: 2 ** 30,
        causes: [
          { digest: "sha256:a", tags: [], bytes: 1n },
          { digest: "sha256:b", tags: [], bytes: 1n },
        ],
      },
      "http://localhost:3000",
    );
    expect(describeAlert(payload)).toBe(
      "contosoprod/ml/trainer grew 40.0 GiB on 2026-11-02 (2 manifests pushed that day; usual rise under 1.00 GiB)",
    );
  });
});
