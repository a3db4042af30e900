/**
 * The simulator in its worker thread (as npm start runs it): the sync reaches it over HTTPS like
 * the in-thread one, and moving its clock gives the estate a fresh generation has at that date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorConnection } from "../azure/connection";
import { countEstate } from "@/lib/testing/ground-truth";
import { runSync } from "../sync/run-sync";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { generateEstate } from "./generator";
import { startSimulatorWorker, type SimulatorHandle } from "./worker";

const DAY1 = new Date("2026-09-10T12:00:00Z");
const DAY2 = new Date("2026-09-13T12:00:00Z");
const SEED = 23;

let sim: SimulatorHandle;
let testDb: TestDatabase;

beforeAll(async () => {
  sim = await startSimulatorWorker({ seed: SEED, scale: "small", date: DAY1 });
  testDb = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await testDb?.drop();
  await sim?.close();
});

describe("simulator worker thread", () => {
  it("serves the sync the estate of its date, and of the next date once its clock moved", async () => {
    const connection = simulatorConnection(sim.armEndpoint, sim.caCertPem);
    expect(sim.subscriptionIds).toEqual(
      generateEstate({ seed: SEED, scale: "small", date: DAY1 }).subscriptions.map((s) => s.id),
    );
    for (const day of [DAY1, DAY2]) {
      await sim.setDate(day);
      expect(sim.getDate().toISOString()).toBe(day.toISOString());
      const summary = await runSync({ pool: testDb.pool, connection, asOf: day, concurrency: 8 });
      expect(summary.status).toBe("succeeded");
      const truth = countEstate(generateEstate({ seed: SEED, scale: "small", date: day }));
      expect({
        registries: summary.registries,
        repositories: summary.repositories,
        manifests: summary.manifests,
        tags: summary.tags,
      }).toEqual(truth);
    }
  });

  it("refuses an invalid date with a message, and keeps serving", async () => {
    await expect(sim.setDate(new Date(Number.NaN))).rejects.toThrow(
      "ACR simulator: the simulated date is not a valid date",
    );
    expect(sim.getDate().toISOString()).toBe(DAY2.toISOString());
  });
});
