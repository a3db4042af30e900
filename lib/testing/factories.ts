/**
 * Small factories that insert inventory rows with given numbers, for integration tests.
 * Only the fields a test cares about need passing; the rest get plausible defaults.
 * They write stored totals directly (as the sync would) and never compute storage.
 */
import { dayStart } from "../calendar";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

export type RegistryFactoryInput = {
  name?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  skuName?: string;
  adminUserEnabled?: boolean;
  publicNetworkAccess?: string | null;
  repositoryCount?: number;
  manifestCount?: number;
  tagCount?: number;
  logicalBytes?: bigint;
  storedBytes?: bigint;
  reportedUsageBytes?: bigint | null;
  lastSyncedAt?: Date | null;
  removedAt?: Date | null;
  tags?: Record<string, string>;
  replicaLocations?: string[];
};

export async function createRegistry(db: PrismaClient, input: RegistryFactoryInput = {}) {
  const n = next();
  const name = input.name ?? `registry${n}`;
  const subscriptionId = input.subscriptionId ?? "00000000-0000-0000-0000-000000000001";
  const resourceGroup = input.resourceGroup ?? "rg-test";
  const location = input.location ?? "eastus";
  // INSERT … ON CONFLICT DO NOTHING: registries created side by side share their subscription.
  await db.subscription.createMany({
    data: [{ id: subscriptionId, displayName: "Test subscription" }],
    skipDuplicates: true,
  });
  return db.registry.create({
    data: {
      armId:
        `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}/providers/microsoft.containerregistry/registries/${name}-${n}`.toLowerCase(),
      subscriptionId,
      resourceGroup,
      name,
      location,
      loginServer: `${name}.azurecr.io`,
      skuName: input.skuName ?? "Standard",
      adminUserEnabled: input.adminUserEnabled ?? false,
      publicNetworkAccess: input.publicNetworkAccess === undefined ? "Enabled" : input.publicNetworkAccess,
      repositoryCount: input.repositoryCount ?? 0,
      manifestCount: input.manifestCount ?? 0,
      tagCount: input.tagCount ?? 0,
      logicalBytes: input.logicalBytes ?? 0n,
      storedBytes: input.storedBytes ?? 0n,
      reportedUsageBytes: input.reportedUsageBytes === undefined ? null : input.reportedUsageBytes,
      lastSyncedAt: input.lastSyncedAt === undefined ? new Date("2026-11-01T00:00:00.000Z") : input.lastSyncedAt,
      removedAt: input.removedAt ?? null,
      tags: input.tags ?? {},
      replications: input.replicaLocations
        ? {
            create: input.replicaLocations.map((loc) => ({
              name: loc,
              armId: `${name}/replications/${loc}`,
              location: loc,
            })),
          }
        : undefined,
    },
  });
}

export type RepositoryFactoryInput = {
  name?: string;
  manifestCount?: number;
  tagCount?: number;
  untaggedManifestCount?: number;
  logicalBytes?: bigint;
  uniqueBytes?: bigint;
  attributedBytes?: bigint;
  lastUpdatedAt?: Date | null;
};

/** One repository row with defaults for whatever the test does not care about. */
function repositoryData(registryId: number, input: RepositoryFactoryInput) {
  return {
    registryId,
    name: input.name ?? `repo${next()}`,
    manifestCount: input.manifestCount ?? 1,
    tagCount: input.tagCount ?? 1,
    untaggedManifestCount: input.untaggedManifestCount ?? 0,
    logicalBytes: input.logicalBytes ?? 1000n,
    uniqueBytes: input.uniqueBytes ?? 500n,
    attributedBytes: input.attributedBytes ?? 750n,
    lastUpdatedAt: input.lastUpdatedAt === undefined ? new Date("2026-10-15T12:00:00.000Z") : input.lastUpdatedAt,
  };
}

export async function createRepository(db: PrismaClient, registryId: number, input: RepositoryFactoryInput = {}) {
  return db.repository.create({ data: repositoryData(registryId, input) });
}

/** Many repositories in one statement, for volume tests (e.g. 10,000 rows). */
export async function createRepositories(db: PrismaClient, registryId: number, inputs: RepositoryFactoryInput[]) {
  return db.repository.createMany({ data: inputs.map((input) => repositoryData(registryId, input)) });
}

export type SyncRunFactoryInput = {
  status?: "running" | "succeeded" | "partial" | "failed" | "timed out" | "interrupted";
  trigger?: string;
  startedAt?: Date;
  finishedAt?: Date | null;
  progress?: Prisma.InputJsonObject;
  errors?: { registry: string; message: string }[];
  registryResults?: { registryName: string; status: "succeeded" | "failed"; error?: string }[];
};

export async function createSyncRun(db: PrismaClient, input: SyncRunFactoryInput = {}) {
  const status = input.status ?? "succeeded";
  const startedAt = input.startedAt ?? new Date("2026-11-01T00:00:00.000Z");
  const finishedAt =
    input.finishedAt === undefined
      ? status === "running"
        ? null
        : new Date(startedAt.getTime() + 60_000)
      : input.finishedAt;
  return db.syncRun.create({
    data: {
      status,
      trigger: input.trigger ?? "cli",
      startedAt,
      finishedAt,
      asOf: startedAt,
      durationMs: finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
      progress: input.progress ?? {},
      errors: input.errors ?? [],
      registryResults: input.registryResults
        ? {
            create: input.registryResults.map((r) => ({
              registryArmId: `arm/${r.registryName}`,
              registryName: r.registryName,
              status: r.status,
              error: r.error ?? null,
              startedAt,
              finishedAt,
            })),
          }
        : undefined,
    },
  });
}

export type RegistrySnapshotFactoryInput = {
  day: string; // YYYY-MM-DD
  skuName?: string;
  location?: string;
  /** Replications outside the home region, as the sync counts them. */
  replicaLocations?: string[];
  storedBytes?: bigint;
  reportedUsageBytes?: bigint | null;
};

export async function createRegistrySnapshot(
  db: PrismaClient,
  registryId: number,
  input: RegistrySnapshotFactoryInput,
) {
  const replicaLocations = input.replicaLocations ?? [];
  return db.registrySnapshot.create({
    data: {
      registryId,
      day: dayStart(input.day),
      skuName: input.skuName ?? "Standard",
      location: input.location ?? "eastus",
      replicaCount: replicaLocations.length,
      replicaLocations,
      repositoryCount: 0,
      manifestCount: 0,
      tagCount: 0,
      logicalBytes: input.storedBytes ?? 0n,
      storedBytes: input.storedBytes ?? 0n,
      reportedUsageBytes: input.reportedUsageBytes ?? null,
      capturedAt: new Date(`${input.day}T06:00:00.000Z`),
    },
  });
}

export async function createRepositorySnapshot(
  db: PrismaClient,
  registryId: number,
  input: { repositoryName: string; day: string; attributedBytes: bigint },
) {
  return db.repositorySnapshot.create({
    data: {
      registryId,
      repositoryName: input.repositoryName,
      day: dayStart(input.day),
      manifestCount: 1,
      tagCount: 1,
      untaggedManifestCount: 0,
      logicalBytes: input.attributedBytes,
      uniqueBytes: input.attributedBytes,
      attributedBytes: input.attributedBytes,
      capturedAt: new Date(`${input.day}T06:00:00.000Z`),
    },
  });
}

export async function createTask(
  db: PrismaClient,
  registryId: number,
  input: { name?: string; cpu?: number | null } = {},
) {
  return db.task.create({
    data: { registryId, name: input.name ?? `task${next()}`, status: "Enabled", cpu: input.cpu ?? null },
  });
}

export async function createTaskRun(
  db: PrismaClient,
  registryId: number,
  input: { startedAt: Date; finishedAt: Date; taskName?: string | null; cpu?: number | null; runId?: string },
) {
  return db.taskRun.create({
    data: {
      registryId,
      runId: input.runId ?? `run${next()}`,
      taskName: input.taskName ?? null,
      status: "Succeeded",
      createdAt: input.startedAt,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      cpu: input.cpu ?? null,
    },
  });
}
