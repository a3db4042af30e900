import { describe, expect, it } from "vitest";
import { budgetAlertPayload, repositoryAnomalyPayload, teamAnomalyPayload, type TeamJumpInput } from "./alert";
import { MAX_CAUSES } from "../anomalies/detect";
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
          { digest: "sha256:0123456789abcdef", tags: [], bytes: 40n << 30n },
          { digest: "sha256:b", tags: ["latest"], bytes: 1n },
        ],
      },
      "http://localhost:3000",
    );
    expect(describeAlert(payload)).toBe(
      "contosoprod/ml/trainer grew 40.0 GiB on 2026-11-02 (usual rise under 1.00 GiB; 2 manifests pushed that day, the largest ml/trainer@0123456789ab (40.0 GiB))",
    );
  });

  const teamJump: TeamJumpInput = {
    day: "2026-11-02",
    team: "data",
    previous: 7_500_000n,
    value: 19_840_000n,
    rise: 12_340_000n,
    threshold: 1_499_999.2,
    currency: "EUR",
    causes: [
      {
        registry: "contosoprod",
        repository: "ml/trainer",
        digest: "sha256:big",
        tags: ["latest", "v2"],
        bytes: 40n << 30n,
      },
    ],
  };

  it("says which team's daily cost rose, to what, and the largest push into its repositories", () => {
    expect(describeAlert(teamAnomalyPayload(teamJump, "http://localhost:3000"))).toBe(
      "data's daily cost rose 12.34 EUR to 19.84 EUR on 2026-11-02 (usual rise under 1.50 EUR; 1 manifest pushed that day, the largest contosoprod/ml/trainer:latest (40.0 GiB))",
    );
  });

  it("says when nothing was pushed, and when the causes are only the largest of more", () => {
    const quiet = teamAnomalyPayload({ ...teamJump, causes: [] }, "http://localhost:3000");
    expect(describeAlert(quiet)).toMatch(/; nothing pushed that day into its repositories\)$/);
    const many = Array.from({ length: MAX_CAUSES }, (_, i) => ({ ...teamJump.causes[0], digest: `sha256:${i}` }));
    expect(describeAlert(teamAnomalyPayload({ ...teamJump, causes: many }, "http://localhost:3000"))).toContain(
      `${MAX_CAUSES}+ manifests pushed that day`,
    );
  });
});
