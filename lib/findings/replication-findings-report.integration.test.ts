import { describe, expect, it } from "vitest";
import { GIB } from "@/lib/testing/test-estate";
import { getReplicationWhatIf } from "@/lib/costs/server/get-replication-what-if";
import { listFindings } from "@/lib/findings/server/list-findings";
import { useTestDatabase } from "@/lib/testing/database";
import { createRegistry, createRepository } from "@/lib/testing/factories";
import { viaCli, viaRoute } from "@/lib/testing/report-test-io";

const testDb = useTestDatabase();

/** Premium in westeurope, 600 GiB, Azure listing the home region among two real replicas. */
async function seed() {
  const geo = await createRegistry(testDb.db, {
    name: "geo",
    skuName: "Premium",
    location: "westeurope",
    storedBytes: 600n * GIB,
    replicaLocations: ["westeurope", "eastus", "japaneast"],
    tags: { "global-repositories": "base/*" },
  });
  await createRepository(testDb.db, geo.id, { name: "base/os", attributedBytes: 50n * GIB });
  await createRepository(testDb.db, geo.id, { name: "apps/web", attributedBytes: 550n * GIB });
  await createRegistry(testDb.db, { name: "open", adminUserEnabled: true });
}

describe("replications and findings reports", () => {
  it("prices each replica for a full month, home region excluded", async () => {
    await seed();
    const { body } = await viaRoute("/api/reports/replications.csv?month=2026-02");
    // 28 × 1.6666 = 46.664800 unit; (600 − 500) GiB × 0.10 = 10.000000 storage per full copy.
    expect(body).toBe(
      [
        "registry,replica_location,status,zone_redundancy,monthly_unit_cost,monthly_storage_cost,monthly_cost,currency",
        "geo,eastus,,,46.664800,10.000000,56.664800,USD",
        "geo,japaneast,,,46.664800,10.000000,56.664800,USD",
        "",
      ].join("\n"),
    );
    expect((await viaCli(["replications", "--month", "2026-02"])).stdout).toBe(body);
  });

  it("takes the global patterns from a tag on the registry, or typed in", async () => {
    await seed();
    const byTag = await getReplicationWhatIf({ registry: "geo", source: "tag", month: "2026-02" });
    expect(byTag).toMatchObject({ tagValue: "base/*", patterns: ["base/*"] });
    expect(byTag?.global.repositories).toEqual(["base/os"]);
    expect(byTag?.rest.repositories).toEqual(["apps/web"]);
    expect(BigInt(byTag?.currentMicros ?? 0) - BigInt(byTag?.proposedMicros ?? 0)).toBe(
      BigInt(byTag?.monthlySavingMicros ?? -1),
    );
    const typed = await getReplicationWhatIf({ registry: "geo", patterns: "apps/*, base/*", month: "2026-02" });
    expect(typed?.rest.repositories).toEqual([]);
    const noTag = await getReplicationWhatIf({ registry: "geo", source: "tag", tag: "nope", month: "2026-02" });
    expect(noTag).toMatchObject({ tagValue: null, patterns: [] });
  });

  it("lists findings filtered by severity and registry, the same from the route and the CLI", async () => {
    await seed();
    const all = await listFindings({ today: "2026-02-10" });
    expect(
      all.rows.some((f) => f.registry === "open" && f.code === "admin-user-enabled" && f.severity === "high"),
    ).toBe(true);
    const { body } = await viaRoute("/api/reports/findings.csv?severity=high&registry=open");
    const lines = body.trimEnd().split("\n");
    expect(lines[0]).toBe("registry,finding,severity,evidence,monthly_saving,currency");
    expect(lines.slice(1).every((line) => line.startsWith("open,") && line.includes(",high,"))).toBe(true);
    expect(lines.some((line) => line.startsWith("open,Admin user enabled,high,"))).toBe(true);
    expect((await viaCli(["findings", "--severity", "high", "--registry", "open"])).stdout).toBe(body);
    expect((await viaRoute("/api/reports/findings.csv?severity=urgent")).status).toBe(422);
  });
});
