/**
 * The teams document every bench saves before timing chargeback: six teams, rules by repository
 * path and by registry tag, fixed fees split evenly, so allocation takes every path it has.
 */
export const BENCH_TEAMS = {
  teams: ["platform", "payments", "identity", "search", "checkout", "data"].map((name, i) => ({
    name,
    costCenter: `CC-${i}`,
  })),
  rules: [
    { registry: "*", repository: "payments/**", team: "payments" },
    { registry: "*", repository: "identity/*", team: "identity" },
    { registryTag: "team=search", repository: "**", team: "search" },
    { registry: "*", repository: "checkout/**", team: "checkout" },
  ],
  fixedFees: { default: "even", byRegistry: {} },
};
