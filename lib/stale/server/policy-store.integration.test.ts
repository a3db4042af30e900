import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy, serializePolicy } from "@/lib/stale/policy";
import { isLedgerError } from "@/lib/errors";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";
import { useTestDatabase } from "@/lib/testing/database";
import { anyPolicyDocument } from "@/lib/testing/policy-arbitraries";
import {
  getEditablePolicy,
  getEffectivePolicyDocument,
  getStoredPolicy,
  resetPolicy,
  savePolicy,
} from "./policy-store";
import { getPolicyInEffect, resolvePolicy } from "./resolve-policy";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

const CUSTOM = JSON.stringify({
  olderThanDays: 30,
  keepLatest: 2,
  overrides: [{ registry: "*", repository: "team-a/**", keepLatest: 9 }],
});

describe("policy store", () => {
  it("without a stored row the effective policy is the defaults", async () => {
    expect(await getStoredPolicy()).toBeNull();
    const effective = await getEffectivePolicyDocument();
    expect(effective.source).toBe("default");
    expect(parsePolicy(JSON.parse(effective.document))).toEqual(await resolvePolicy(undefined));
  });

  it("saves a valid policy as its canonical JSON; export round-trips through serializePolicy", async () => {
    const saved = await savePolicy(CUSTOM, TEST_ACTOR);
    expect(saved.document).toBe(serializePolicy(parsePolicy(JSON.parse(CUSTOM))));
    const stored = await getStoredPolicy();
    expect(stored?.document).toBe(saved.document);
    expect(serializePolicy(parsePolicy(JSON.parse(stored?.document ?? "")))).toBe(stored?.document);
    expect(stored?.policy.overrides[0].keepLatest).toBe(9);
    expect((await getEffectivePolicyDocument()).source).toBe("stored");
  });

  it("rejects an invalid policy naming every bad field and leaves the stored one untouched", async () => {
    const before = await savePolicy(CUSTOM, TEST_ACTOR);
    await expect(savePolicy('{"olderThanDays": -1, "keepPatterns": ["("], "colour": 1}', TEST_ACTOR)).rejects.toThrow(
      /olderThanDays: must not be negative[\s\S]*keepPatterns\[0\]: is not a valid regular expression[\s\S]*colour: unknown field/,
    );
    await expect(savePolicy("{nope", TEST_ACTOR)).rejects.toThrow(/\(policy\): is not valid JSON/);
    const after = await getStoredPolicy();
    expect(after?.document).toBe(before.document);
    expect(after?.updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it("refuses a keep pattern RE2 cannot run or a glob over the limits, naming it, and leaves the stored one untouched", async () => {
    const before = await savePolicy(CUSTOM, TEST_ACTOR);
    const hostile = JSON.stringify({
      keepPatterns: ["^v\\d", "(a)\\1"],
      overrides: [{ registry: "*", repository: "*?".repeat(20) + "!", keepLatest: 1 }],
    });
    await expect(savePolicy(hostile, TEST_ACTOR)).rejects.toThrow(
      /keepPatterns\[1\]: uses the backreference "\\1", which RE2 .* does not support: "\(a\)\\\\1"\n {2}overrides\[0\]\.repository: ".*" has 40 wildcards; at most 32 are allowed/,
    );
    expect((await getStoredPolicy())?.document).toBe(before.document);
  });

  it("saves any text whole or refuses it with a validation error, never writing part of it", async () => {
    const before = await savePolicy(CUSTOM, TEST_ACTOR);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyPolicyDocument.map((d) => JSON.stringify(d) ?? ""),
          fc.string({ maxLength: 80 }),
        ),
        async (text) => {
          await resetPolicy(TEST_ACTOR);
          await savePolicy(CUSTOM, TEST_ACTOR);
          const saved = await savePolicy(text, TEST_ACTOR).catch((error: unknown) => {
            expect(isLedgerError(error, "validation"), `not a validation error: ${String(error)}`).toBe(true);
            return null;
          });
          const stored = await getStoredPolicy();
          expect(stored?.document).toBe(
            saved === null ? before.document : serializePolicy(parsePolicy(JSON.parse(text))),
          );
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it("reset removes the stored policy: the defaults apply again", async () => {
    await savePolicy(CUSTOM, TEST_ACTOR);
    await resetPolicy(TEST_ACTOR);
    expect((await getEffectivePolicyDocument()).source).toBe("default");
  });
});

describe("cleanup-plan report and the stored policy", () => {
  it("uses the stored policy when no --policy is given, and an explicit one wins", async () => {
    await savePolicy(CUSTOM, TEST_ACTOR);
    const stored = await viaCli(["cleanup-plan", "--format", "script", "--as-of", "2026-11-01"]);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toContain('#     "olderThanDays": 30,');
    expect(stored.stdout).toContain('#         "repository": "team-a/**",');

    const explicit = await viaRoute(
      `/api/reports/cleanup-plan?format=script&as-of=2026-11-01&policy=${encodeURIComponent('{"olderThanDays": 45}')}`,
    );
    expect(explicit.status).toBe(200);
    expect(explicit.body).toContain('#     "olderThanDays": 45,');
    expect(explicit.body).not.toContain("team-a/**");
  });

  it("a stored policy that no longer validates fails before any output, naming the field (exit 2)", async () => {
    await testDb.pool.query(
      `INSERT INTO stale_policy (id, document, updated_at) VALUES (1, '{"keepLatest": "many"}', now())`,
    );
    const run = await viaCli(["cleanup-plan", "--as-of", "2026-11-01"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/keepLatest: must be a whole number/);

    // Over HTTP: a 422 naming the field, before any byte of the CSV or the script.
    for (const path of [
      "/api/reports/cleanup-plan.csv?as-of=2026-11-01",
      "/api/reports/cleanup-plan.csv?format=script",
    ]) {
      const route = await viaRoute(path);
      expect(route.status).toBe(422);
      expect(route.type).toMatch(/^application\/json/);
      expect(JSON.parse(route.body)).toMatchObject({
        error: "validation",
        message: expect.stringMatching(/keepLatest: must be a whole number/),
      });
    }
    // An explicit policy does not need the stored one.
    expect((await viaRoute(`/api/reports/cleanup-plan.csv?policy=${encodeURIComponent("{}")}`)).status).toBe(200);
  });

  it("pages get a stored policy that no longer validates as its bad fields, and the editor its text as stored", async () => {
    expect(await getPolicyInEffect()).toEqual({ valid: true, policy: await resolvePolicy(undefined) });
    const document = '{"keepLatest": "many", "olderThanDays": 30}';
    await testDb.pool.query(`INSERT INTO stale_policy (id, document, updated_at) VALUES (1, $1, now())`, [document]);
    const issues = [{ path: "keepLatest", message: "must be a whole number" }];
    expect(await getPolicyInEffect()).toEqual({ valid: false, issues });
    const editable = await getEditablePolicy();
    expect(editable).toMatchObject({ source: "stored", document, issues });
    // Saving a fixed one makes it valid again.
    await savePolicy(document.replace('"many"', "3"), TEST_ACTOR);
    expect(await getPolicyInEffect()).toMatchObject({ valid: true, policy: { keepLatest: 3, olderThanDays: 30 } });
    expect((await getEditablePolicy()).issues).toEqual([]);
  });
});
