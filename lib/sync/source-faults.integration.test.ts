/**
 * SIMULATOR_FAULTS_FILE: the simulator that npm start and npm run sync open (in its worker thread)
 * applies the plan from its first request; a bad plan stops the opening with the variable named.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createArmClient, listRegistries } from "../azure/arm";
import { parseEnv } from "../env";
import { isLedgerError } from "../errors";
import { openSource, type SyncSource } from "./source";

const dir = mkdtempSync(path.join(tmpdir(), "faults-file-"));
const opened: SyncSource[] = [];

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

function planFile(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const envWith = (file: string) =>
  parseEnv({ SIMULATOR_SEED: "11", SIMULATOR_SCALE: "small", SIMULATOR_FAULTS_FILE: file });

describe("SIMULATOR_FAULTS_FILE", () => {
  it("is applied by the simulator the source runs", async () => {
    const file = planFile("forbidden.json", JSON.stringify({ rules: [{ kind: "subscriptionForbidden", count: 1 }] }));
    const source = await openSource(envWith(file), { simulatorDate: new Date("2026-10-01T12:00:00Z") });
    opened.push(source);
    const [subscription] = source.simulator!.subscriptionIds;
    const client = createArmClient(source.connection, subscription);
    await expect(listRegistries(client)).rejects.toMatchObject({ statusCode: 403 });
    expect((await listRegistries(client)).length).toBeGreaterThan(0);
  }, 60_000);

  it("refuses a bad plan before anything starts, naming the variable and the field", async () => {
    const file = planFile("bad.json", JSON.stringify({ rules: [{ kind: "error", status: 404 }] }));
    const opening = openSource(envWith(file));
    await expect(opening).rejects.toSatisfy((e: unknown) => isLedgerError(e, "config"));
    await expect(opening).rejects.toThrow(/SIMULATOR_FAULTS_FILE[\s\S]*rules\[0\]\.status: must be 500 or 503/);
  });
});
