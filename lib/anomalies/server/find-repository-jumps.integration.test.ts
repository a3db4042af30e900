/**
 * A repository that grew half a GiB a day for a month and then took 40 GiB in one day is found on
 * that day, with the manifests pushed that day as its causes and the team its rule names; steady
 * growth, a drop and a day without a jump find nothing.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../calendar";
import { parseChargebackConfig } from "../../chargeback/config";
import { useTestDatabase } from "../../testing/database";
import { createRegistry, createRepository } from "../../testing/factories";
import { GIB } from "../detect";
import { findRepositoryJumps } from "./find-repository-jumps";

const db = useTestDatabase();
const FIRST = "2026-10-01";
const JUMP_DAY = "2026-11-02";
const config = parseChargebackConfig({ rules: [{ registry: "*", repository: "ml/**", team: "data" }] });

async function snapshots(registryId: number, repositoryName: string, values: bigint[]) {
  await db.db.repositorySnapshot.createMany({
    data: values.map((bytes, i) => ({
      registryId,
      repositoryName,
      day: new Date(`${addDays(FIRST, i)}T00:00:00Z`),
      manifestCount: 1,
      tagCount: 1,
      untaggedManifestCount: 0,
      logicalBytes: bytes,
      uniqueBytes: bytes,
      attributedBytes: bytes,
      capturedAt: new Date(`${addDays(FIRST, i)}T06:00:00Z`),
    })),
  });
}

/** 10 GiB, then about half a GiB more each day, with a little noise. */
function steady(days: number): bigint[] {
  const noise = [0n, GIB / 8n, -GIB / 8n, GIB / 16n];
  const values = [10n * GIB];
  for (let i = 1; i < days; i++) values.push(values[i - 1] + GIB / 2n + noise[i % 4]);
  return values;
}

describe("findRepositoryJumps", () => {
  it("finds the day's jump with what was pushed that day, and nothing on other days", async () => {
    const registry = await createRegistry(db.db, { name: "contosoprod" });
    const trainer = await createRepository(db.db, registry.id, { name: "ml/trainer" });
    const history = steady(32); // 2026-10-01 … 2026-11-01
    expect(addDays(FIRST, history.length)).toBe(JUMP_DAY);
    await snapshots(registry.id, "ml/trainer", [...history, history.at(-1)! + 40n * GIB]);
    await snapshots(registry.id, "web/shop", [...history, history.at(-1)! + GIB / 2n]); // as usual
    await snapshots(registry.id, "web/old", [...history, 0n]); // deleted: a drop
    // Pushed on the jump day: a 40 GiB image with two tags and a small one; one the day before.
    const pushed = [
      { digest: "sha256:big", sizeBytes: 40n * GIB, createdAt: new Date(`${JUMP_DAY}T09:30:00Z`) },
      { digest: "sha256:small", sizeBytes: 1000n, createdAt: new Date(`${JUMP_DAY}T23:59:59Z`) },
      { digest: "sha256:before", sizeBytes: 5n * GIB, createdAt: new Date(`${addDays(JUMP_DAY, -1)}T12:00:00Z`) },
    ];
    await db.db.manifest.createMany({ data: pushed.map((m) => ({ repositoryId: trainer.id, ...m })) });
    await db.db.tag.createMany({
      data: ["v2.0.0", "latest"].map((name) => ({ repositoryId: trainer.id, name, digest: "sha256:big" })),
    });

    const jumps = await findRepositoryJumps(db.pool, JUMP_DAY, config);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({
      day: JUMP_DAY,
      registry: "contosoprod",
      repository: "ml/trainer",
      team: "data",
      rise: 40n * GIB,
      causes: [
        { digest: "sha256:big", tags: ["latest", "v2.0.0"], bytes: 40n * GIB },
        { digest: "sha256:small", tags: [], bytes: 1000n },
      ],
    });
    expect(await findRepositoryJumps(db.pool, addDays(JUMP_DAY, -1), config)).toEqual([]);
  });
});
