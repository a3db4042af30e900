/**
 * A small estate with hand-computed costs, shared by the cost query and report tests.
 * February 2026 (28 days), counted as of 2026-03-10 (the whole month), default list prices:
 *   alpha  Standard eastus, 110 GiB carried from 2026-01-20, 120 GiB from 2026-02-15:
 *          unit 28 × 0.6666 = 18.664800; storage (14 × 10 + 14 × 20) / 28 = 15 GiB-month × 0.10 = 1.500000
 *   beta   Premium westeurope, 2 replicas, 600 GiB from 2026-02-21 (8 days):
 *          unit 8 × 1.6666 = 13.332800; storage 100 × 8 / 28 GiB-month = 2.857143;
 *          replication_unit 16 × 1.6666 = 26.665600; replication_storage 2 × 100 × 8 / 28 = 5.714286;
 *          tasks 2000 s × 4 vCPU (the task's) + 500 s × 1 vCPU (the run's) − 6000 free = 2500 × 0.0001 = 0.250000
 *   gone   Basic, removed from Azure on 2026-02-05, one snapshot on 2026-02-03: 1 day × 0.1666
 * Repositories: alpha's a and b hold half each; beta's only repository holds all its bytes.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  createRegistry,
  createRegistrySnapshot,
  createRepository,
  createRepositorySnapshot,
  createTask,
  createTaskRun,
} from "./factories";

export const GIB = 2n ** 30n;
export const TEST_MONTH = "2026-02";
export const TEST_TODAY = "2026-03-10";

export async function seedCostEstate(db: PrismaClient) {
  const alpha = await createRegistry(db, {
    name: "alpha",
    subscriptionId: "11111111-1111-1111-1111-111111111111",
    skuName: "Standard",
  });
  await createRegistrySnapshot(db, alpha.id, { day: "2026-01-20", skuName: "Standard", storedBytes: 110n * GIB });
  await createRegistrySnapshot(db, alpha.id, {
    day: "2026-02-15",
    skuName: "Standard",
    storedBytes: 120n * GIB,
    reportedUsageBytes: 121n * GIB,
  });
  for (const name of ["a", "b"]) {
    await createRepository(db, alpha.id, { name, attributedBytes: 60n * GIB });
    await createRepositorySnapshot(db, alpha.id, {
      repositoryName: name,
      day: "2026-01-20",
      attributedBytes: 55n * GIB,
    });
    await createRepositorySnapshot(db, alpha.id, {
      repositoryName: name,
      day: "2026-02-15",
      attributedBytes: 60n * GIB,
    });
  }

  const beta = await createRegistry(db, {
    name: "beta",
    skuName: "Premium",
    location: "westeurope",
    replicaLocations: ["westeurope", "eastus", "japaneast"],
  });
  await createRegistrySnapshot(db, beta.id, {
    day: "2026-02-21",
    skuName: "Premium",
    location: "westeurope",
    replicaLocations: ["eastus", "japaneast"],
    storedBytes: 600n * GIB,
  });
  await createRepository(db, beta.id, { name: "only", attributedBytes: 600n * GIB });
  await createRepositorySnapshot(db, beta.id, {
    repositoryName: "only",
    day: "2026-02-21",
    attributedBytes: 600n * GIB,
  });
  await createTask(db, beta.id, { name: "build", cpu: 4 });
  await createTaskRun(db, beta.id, {
    taskName: "build",
    startedAt: new Date("2026-02-22T10:00:00Z"),
    finishedAt: new Date("2026-02-22T10:33:20Z"),
  });
  await createTaskRun(db, beta.id, {
    taskName: "build",
    cpu: 1,
    startedAt: new Date("2026-02-10T10:00:00Z"),
    finishedAt: new Date("2026-02-10T10:08:20Z"),
  });
  await createTaskRun(db, beta.id, {
    taskName: "build",
    startedAt: new Date("2026-02-28T23:50:00Z"),
    finishedAt: new Date("2026-03-01T00:10:00Z"),
  });

  const gone = await createRegistry(db, {
    name: "gone",
    skuName: "Basic",
    removedAt: new Date("2026-02-05T00:00:00Z"),
  });
  await createRegistrySnapshot(db, gone.id, { day: "2026-02-03", skuName: "Basic" });
  return { alpha, beta, gone };
}
