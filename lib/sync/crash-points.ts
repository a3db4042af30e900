/**
 * Named points of the sync where the crash tests stop it: the process SIGKILLs itself at the Nth
 * pass of the point `REGISTRY_LEDGER_CRASH_AT` names ("body-fetched:3"), as an OOM kill or a host
 * restart would, so every phase's kill is reproducible. A test in the same process may instead
 * register a hook (e.g. one that restarts PostgreSQL there). Unset, a pass costs one comparison.
 */
import { getEnv } from "../env";

export const CRASH_POINTS = [
  /** Subscriptions and registries listed; nothing read from a registry yet. */
  "discovered",
  /** One repository listed (properties, and manifests and tags when it changed). */
  "repository-listed",
  /** One manifest body fetched. */
  "body-fetched",
  /** A registry's manifest facts inserted, their transaction not yet committed. */
  "contents-inserted",
  /** A registry's manifest facts committed, its inventory not yet written. */
  "contents-committed",
  /** Inside a registry's transaction: repositories, manifests and tags written. */
  "repositories-written",
  /** Inside a registry's transaction: the tag trail written. */
  "trail-written",
  /** Inside a registry's transaction: storage split and totals written. */
  "storage-written",
  /** Inside a registry's transaction: the day's snapshots written, COMMIT not yet sent. */
  "snapshots-written",
  /** A registry's transaction committed, its result not yet recorded on the run. */
  "registry-committed",
  /** A registry's result recorded on the run. */
  "registry-recorded",
  /** Every registry done, registries Azure no longer lists marked removed. */
  "removed-marked",
  /** The apps' in-use images stored; the run not yet finished. */
  "app-images-written",
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

type Target = { point: CrashPoint; pass: number };
type Hook = (point: CrashPoint, pass: number) => void | Promise<void>;

const passes = new Map<CrashPoint, number>();
let target: Target | null | undefined;
let hook: Hook | undefined;

export function parseCrashTarget(text: string): Target {
  const [name, n] = text.split(":");
  const point = CRASH_POINTS.find((p) => p === name);
  if (!point) throw new Error(`Unknown crash point "${name}"; known: ${CRASH_POINTS.join(", ")}`);
  return { point, pass: n === undefined ? 1 : Number(n) };
}

/**
 * Marks a pass of `point`: the process dies here when this is the pass the crash tests asked for.
 * Returns the hook's promise when a test registered one (await it where the sync can wait).
 */
export function passCrashPoint(point: CrashPoint): void | Promise<void> {
  if (target === undefined) {
    const text = getEnv().crashAt;
    target = text ? parseCrashTarget(text) : null;
  }
  if (target === null && hook === undefined) return;
  const pass = (passes.get(point) ?? 0) + 1;
  passes.set(point, pass);
  if (target && target.point === point && target.pass === pass) process.kill(process.pid, "SIGKILL");
  return hook?.(point, pass);
}

/** For in-process tests: called at every pass of every point until cleared (undefined). */
export function setCrashHook(next: Hook | undefined): void {
  hook = next;
  passes.clear();
}
