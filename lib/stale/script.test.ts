import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { PlanItem } from "./decide";
import { parsePolicy } from "./policy";
import { countPlan, renderCleanupScript, shellQuote } from "./script";

const item = (o: Partial<PlanItem>): PlanItem => ({
  registry: "acme",
  repository: "team/app",
  digest: "sha256:aaa",
  tags: [],
  action: "delete",
  reason: "untagged and last updated 2026-04-01",
  reasonCode: "untagged",
  lastUpdatedAt: null,
  sizeBytes: 10n,
  ...o,
});
const policy = parsePolicy({ overrides: [{ registry: "*", repository: "sandbox/**", olderThanDays: 14 }] });
const asOf = new Date("2026-05-01T00:00:00Z");
const render = (items: PlanItem[], reclaimableBytes = 7_340_032n) =>
  renderCleanupScript({ items, policy, asOf, reclaimableBytes, counts: countPlan(items) });

/** Runs the script with `az` replaced by a function printing one argument per line: what the shell really passes. */
const runWithFakeAz = (script: string) =>
  execFileSync("bash", ["-c", `az() { printf '<%s>' "$@"; echo; }\n${script.replace("#!/usr/bin/env bash\n", "")}`], {
    encoding: "utf8",
  });

describe("renderCleanupScript", () => {
  const items = [
    item({ digest: "sha256:idx", tags: ["old", "older"], reasonCode: "stale-tags", reason: "all 2 tags are stale" }),
    item({ digest: "sha256:bbb", tags: ["v0-old"], action: "untag", reasonCode: "other-tags-kept" }),
    item({ digest: "sha256:ccc", tags: ["kept"], action: "keep", reasonCode: "in-use" }),
  ];

  it("states the policy, the as-of date, the counts and the exact bytes in its header, then stops at the first error", () => {
    const script = render(items);
    const header = script.split("set -euo pipefail")[0];
    expect(script.startsWith("#!/usr/bin/env bash\n")).toBe(true);
    expect(header).toContain("# As of: 2026-05-01T00:00:00.000Z");
    expect(header).toContain('#     "olderThanDays": 90,');
    expect(header).toContain('"repository": "sandbox/**"');
    expect(header).toContain(
      "# Counts: 1 repositories, 1 manifests deleted (with 2 tags), 1 tags untagged, 1 protected candidates kept (no command)",
    );
    expect(header).toContain("# Expected bytes freed: 7340032 bytes (7.00 MiB)");
    expect(script).toContain("\nset -euo pipefail\n");
  });

  it("deletes by digest, untags by tag, and gives keep rows no command", () => {
    const commands = render(items)
      .split("\n")
      .filter((line) => line.startsWith("az "));
    expect(commands).toEqual([
      "az acr repository delete --name acme --image team/app@sha256:idx --yes",
      "az acr repository untag --name acme --image team/app:v0-old",
    ]);
  });

  it("quotes names that need it, so the shell passes them unchanged", () => {
    const nasty = [
      item({
        registry: "acme",
        repository: "it's a $(rm -rf) repo",
        digest: "sha256:ddd",
        tags: ["x"],
        reason: "line\nbreak; az oops",
      }),
      item({
        repository: "team/app",
        digest: "sha256:eee",
        tags: ["-n", "a b*"],
        action: "untag",
        reasonCode: "other-tags-kept",
      }),
    ];
    const script = render(nasty);
    expect(script).not.toContain("\nbreak");
    expect(runWithFakeAz(script).split("\n").filter(Boolean)).toEqual([
      "<acr><repository><delete><--name><acme><--image><it's a $(rm -rf) repo@sha256:ddd><--yes>",
      "<acr><repository><untag><--name><acme><--image><team/app:-n>",
      "<acr><repository><untag><--name><acme><--image><team/app:a b*>",
    ]);
  });

  it("stops at the first failing command", () => {
    const script = render([item({ digest: "sha256:1" }), item({ digest: "sha256:2" })]);
    const out = (() => {
      try {
        execFileSync("bash", ["-c", `az() { echo "ran $7"; return 1; }\n${script}`], {
          encoding: "utf8",
          stdio: "pipe",
        });
        return "no error";
      } catch (error) {
        return String((error as { stdout: string }).stdout);
      }
    })();
    expect(out).toBe("ran team/app@sha256:1\n");
  });

  it("says when there is nothing to run", () => {
    expect(render([], 0n)).toContain(
      "# Expected bytes freed: 0 bytes (0 B)\nset -euo pipefail\n\n# Nothing to delete or untag.\n",
    );
  });
});

describe("shellQuote", () => {
  it("leaves safe words bare and single-quotes the rest", () => {
    expect(shellQuote("team/app@sha256:abc")).toBe("team/app@sha256:abc");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("-rf")).toBe("'-rf'");
    expect(shellQuote("")).toBe("''");
  });
});
