/**
 * A refused document answers 422 with its issues, `[{path, message}]`, beside the error and
 * message it always had: the path dotted from the document's root, "" for the document itself.
 */
import { describe, expect, it } from "vitest";
import { PUT as putConfig } from "@/app/api/chargeback/config/route";
import { POST as postPreview } from "@/app/api/chargeback/preview/route";
import { POST as postInUse } from "@/app/api/in-use/route";
import { PUT as putPolicy } from "@/app/api/stale/policy/route";
import { useTestDatabase } from "@/lib/testing/database";

const testDb = useTestDatabase();

type ErrorBody = { error: string; message: string; issues: { path: string; message: string }[] };

async function refused(
  handler: (request: Request) => Promise<Response>,
  path: string,
  body: string,
): Promise<ErrorBody> {
  const response = await handler(
    new Request(`http://localhost${path}`, { method: "PUT", body, headers: { "Content-Type": "application/json" } }),
  );
  expect(response.status).toBe(422);
  return (await response.json()) as ErrorBody;
}

const BAD_CONFIG = JSON.stringify({
  teams: [{ name: "payments" }, { name: "payments", costCenter: "" }],
  rules: [{ registry: "*", registryTag: "team=x", repository: "a/**", team: "unallocated" }],
  fixedFees: { default: "sometimes", byRegistry: { "contoso.prod": "owner:unallocated" } },
});

describe("validation issues over HTTP", () => {
  it("PUT /api/chargeback/config names every bad field by its dotted path", async () => {
    const body = await refused(putConfig, "/api/chargeback/config", BAD_CONFIG);
    expect(body.error).toBe("validation");
    expect(body.message).toMatch(/^Invalid chargeback config:\n {2}teams\[1\]\.costCenter: must be a cost center/);
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: "teams.1.costCenter", message: "must be a cost center such as CC-200" },
        { path: "teams.1.name", message: '"payments" is declared twice' },
        { path: "rules.0.registry", message: "give exactly one of registry and registryTag" },
        { path: "rules.0.team", message: '"unallocated" is reserved for what no rule owns' },
        { path: "fixedFees.default", message: 'must be "proportional", "even" or "owner:<team>"' },
        { path: "fixedFees.byRegistry.contoso.prod", message: '"unallocated" is reserved for what no rule owns' },
      ]),
    );
    expect(body.issues).toHaveLength(6);
    expect(await testDb.db.chargebackConfig.count()).toBe(0);
  });

  it("POST /api/chargeback/preview answers a draft's issues as saving would, and bad JSON as one issue about the whole document", async () => {
    const body = await refused(
      postPreview,
      "/api/chargeback/preview",
      JSON.stringify({ rules: [{ registry: "*", repository: "a/**", team: "x", colour: "red" }] }),
    );
    expect(body.issues).toEqual([{ path: "rules.0.colour", message: "unknown field" }]);
    const notJson = await refused(postPreview, "/api/chargeback/preview", "{nope");
    expect(notJson.message).toMatch(/^Invalid chargeback config:\n {2}\(config\): is not valid JSON: /);
    expect(notJson.issues).toEqual([{ path: "", message: expect.stringMatching(/^is not valid JSON: /) }]);
  });

  it("PUT /api/stale/policy names every bad field, nested ones included", async () => {
    const policy = {
      olderThanDays: -1,
      keepPatterns: ["("],
      overrides: [{ registry: "*", repository: "a/**", keepLatest: 1.5 }],
    };
    const body = await refused(putPolicy, "/api/stale/policy", JSON.stringify(policy));
    expect(body.message).toMatch(/^Invalid stale-tag policy:\n {2}olderThanDays: must not be negative\n/);
    expect(body.message).toContain("  overrides[0].keepLatest: must be a whole number");
    expect(body.issues.map((i) => i.path)).toEqual(["olderThanDays", "keepPatterns.0", "overrides.0.keepLatest"]);
    expect(body.issues[0]).toEqual({ path: "olderThanDays", message: "must not be negative" });
    expect(body.issues[1].message).toMatch(/^is not a valid regular expression/);
    expect(body.issues[2]).toEqual({ path: "overrides.0.keepLatest", message: "must be a whole number" });
    expect(await testDb.db.stalePolicy.count()).toBe(0);
  });

  it("an error that names no field is one issue about the whole input", async () => {
    const response = await postInUse(
      new Request("http://localhost/api/in-use?cluster=c1&allowEmpty=maybe", {
        method: "POST",
        body: "",
        headers: { "Content-Type": "application/octet-stream" },
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "validation",
      message: 'allowEmpty: expected true or false, got "maybe"',
      issues: [{ path: "allowEmpty", message: 'expected true or false, got "maybe"' }],
    });
    const noCluster = await postInUse(
      new Request("http://localhost/api/in-use", {
        method: "POST",
        body: "",
        headers: { "Content-Type": "application/octet-stream" },
      }),
    );
    expect(await noCluster.json()).toEqual({
      error: "validation",
      message: "cluster: the query parameter ?cluster=NAME is required",
      issues: [{ path: "", message: "cluster: the query parameter ?cluster=NAME is required" }],
    });
  });
});
