import { describe, expect, it } from "vitest";
import { createRegistry, createRepository } from "@/lib/testing/factories";
import { useTestDatabase } from "@/lib/testing/database";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";

const testDb = useTestDatabase();

async function seed() {
  const main = await createRegistry(testDb.db, {
    name: "main",
    subscriptionId: "11111111-1111-1111-1111-111111111111",
    resourceGroup: "rg-core",
    adminUserEnabled: true,
    storedBytes: 3n * 2n ** 40n,
    reportedUsageBytes: null,
    replicaLocations: ["eastus", "westeurope"],
    lastSyncedAt: new Date("2026-11-01T08:30:00.123Z"),
  });
  const edge = await createRegistry(testDb.db, { name: "edge", resourceGroup: "=rg", reportedUsageBytes: 7n });
  await createRepository(testDb.db, main.id, {
    name: "team/web",
    attributedBytes: 5_000_000_000_000n,
    lastUpdatedAt: null,
  });
  await createRepository(testDb.db, main.id, { name: "=cmd|calc", attributedBytes: 1n });
  await createRepository(testDb.db, edge.id, { name: "base", logicalBytes: 10n, uniqueBytes: 0n, attributedBytes: 2n });
}

describe("CSV reports", () => {
  it("writes the registries report with its exact public header", async () => {
    await seed();
    const { status, type, body } = await viaRoute("/api/reports/registries.csv");
    expect(status).toBe(200);
    expect(type).toBe("text/csv; charset=utf-8");
    const lines = body.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "subscription_id,resource_group,registry,login_server,location,sku,admin_user_enabled,public_network_access,replica_count,repository_count,manifest_count,tag_count,logical_bytes,stored_bytes,reported_usage_bytes,last_synced_at",
    );
    expect(lines[1]).toBe(
      "00000000-0000-0000-0000-000000000001,'=rg,edge,edge.azurecr.io,eastus,Standard,false,Enabled,0,0,0,0,0,0,7,2026-11-01T00:00:00.000Z",
    );
    expect(lines[2]).toBe(
      "11111111-1111-1111-1111-111111111111,rg-core,main,main.azurecr.io,eastus,Standard,true,Enabled,1,0,0,0,0,3298534883328,,2026-11-01T08:30:00.123Z",
    );
  });

  it("writes the repositories report in registry, repository order with integer bytes and neutralised names", async () => {
    await seed();
    const { body } = await viaRoute("/api/reports/repositories.csv");
    expect(body).toBe(
      [
        "registry,repository,manifest_count,tag_count,untagged_manifest_count,logical_bytes,unique_bytes,attributed_bytes,last_updated_at,monthly_storage_cost",
        "edge,base,1,1,0,10,0,2,2026-10-15T12:00:00.000Z,",
        "main,'=cmd|calc,1,1,0,1000,500,1,2026-10-15T12:00:00.000Z,",
        "main,team/web,1,1,0,1000,500,5000000000000,,",
        "",
      ].join("\n"),
    );
  });

  it("applies filters given as query parameters or as flags, with the same bytes", async () => {
    await seed();
    const route = await viaRoute("/api/reports/repositories.csv?registry=main&search=WEB");
    const cli = await viaCli(["repositories", "--registry", "main", "--search", "WEB"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(route.body);
    expect(route.body.trimEnd().split("\n")).toHaveLength(2);
    for (const name of ["registries", "repositories"]) {
      expect((await viaCli([name])).stdout).toBe((await viaRoute(`/api/reports/${name}.csv`)).body);
    }
  });

  it("answers 404 for an unknown report and 422 naming a bad option", async () => {
    const unknown = await viaRoute("/api/reports/nope.csv");
    expect(unknown.status).toBe(404);
    const badOption = await viaRoute("/api/reports/repositories.csv?colour=red");
    expect(badOption.status).toBe(422);
    expect(JSON.parse(badOption.body).message).toContain('"colour"');
    const tooLong = await viaRoute(`/api/reports/repositories.csv?search=${"x".repeat(300)}`);
    expect(tooLong.status).toBe(422);
    expect(JSON.parse(tooLong.body).message).toContain('"search"');
  });

  it("exits 2 with a message on bad CLI input", async () => {
    const unknown = await viaCli(["nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nope");
    const badFlag = await viaCli(["repositories", "--colour", "red"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("--colour");
    const badValue = await viaCli(["repositories", "--search", "x".repeat(300)]);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('"search"');
    expect(badValue.stdout).toBe("");
  });
});
