// ACR Tasks and their runs. Runs are drawn per task per day from a fixed start, then
// numbered in time order, so a later date only appends runs (and finishes running ones).
import type { SimRegistry, SimRepository, SimRun, SimTask } from "./estate";
import { rngFor } from "./prng";
import { DAY_MS } from "../calendar";
import { dayOf, msOfDay, ORIGIN_MS } from "./clock";

export function buildTasks(seed: number, registry: SimRegistry, repos: SimRepository[]): SimTask[] {
  const r = rngFor(seed, registry.name, "tasks");
  const count = registry.sku === "Basic" ? r.int(0, 1) : r.int(2, 4);
  const candidates = repos.filter((repo) => repo.name.includes("/") && !repo.name.startsWith("base/"));
  return Array.from({ length: Math.min(count, candidates.length) }, (_, i) => {
    const repository = candidates[(i * 7) % candidates.length].name;
    const app = repository.split("/").pop() ?? repository;
    return {
      name: `build-${app}-${i + 1}`,
      location: registry.location,
      createdAt: new Date(ORIGIN_MS - r.int(60, 300) * DAY_MS),
      status: r.chance(0.9) ? "Enabled" : "Disabled",
      cpu: r.pick([2, 2, 4]),
      repository,
      imageNames: [`${repository}:{{.Run.ID}}`],
      dockerFilePath: "Dockerfile",
      contextPath: `https://github.com/contoso/${app}.git#main`,
      ...(i === 0 ? { timerSchedule: "0 3 * * *" } : {}),
    };
  });
}

/** One run as drawn for its task and day: its times and fate, whatever the date it is seen from. */
interface RunDraw {
  taskName: string;
  createMs: number;
  startMs: number;
  finishMs: number;
  failed: boolean;
  canceled: boolean;
}

/**
 * A registry's runs drawn so far, in creation order. A day's draws do not depend on the date
 * they are seen from (a run created after it is drawn and then left out), so moving the date
 * forward draws only the new days; each task's generator resumes where it stopped.
 */
export class RunBook {
  private draws: RunDraw[] = [];
  private times: number[] = [];
  private tasks = new Map<string, { rng: ReturnType<typeof rngFor>; nextDay: number }>();
  private key = "";

  constructor(
    private readonly seed: number,
    private readonly registryName: string,
  ) {}

  /** Draws up to `untilMs` (a new task list starts over); returns the draws created by then. */
  drawnUntil(tasks: SimTask[], untilMs: number): RunDraw[] {
    const key = tasks.map((t) => `${t.name}|${t.repository}|${t.status}|${t.createdAt.getTime()}`).join(";");
    if (key !== this.key) {
      this.key = key;
      this.draws = [];
      this.times = [];
      this.tasks = new Map(
        tasks.map((t) => [
          t.name,
          { rng: rngFor(this.seed, this.registryName, "runs", t.name), nextDay: dayOf(t.createdAt.getTime()) },
        ]),
      );
    }
    const lastDay = dayOf(untilMs);
    const fresh: RunDraw[] = [];
    for (const task of tasks) {
      const state = this.tasks.get(task.name)!;
      const r = state.rng;
      for (; state.nextDay <= lastDay; state.nextDay++) {
        const runsToday = task.status === "Enabled" ? r.int(0, 3) : 0;
        for (let k = 0; k < runsToday; k++) {
          const createMs = msOfDay(state.nextDay) + r.int(0, 86_399) * 1000;
          const startMs = createMs + r.int(2, 40) * 1000;
          const finishMs = startMs + r.int(45, 900) * 1000;
          const failed = r.chance(0.08);
          const canceled = !failed && r.chance(0.02);
          fresh.push({ taskName: task.name, createMs, startMs, finishMs, failed, canceled });
        }
      }
    }
    if (fresh.length > 0) {
      // Every earlier draw belongs to an earlier day than every fresh one: appending keeps the order.
      fresh.sort((a, b) => a.createMs - b.createMs);
      for (const d of fresh) {
        this.draws.push(d);
        this.times.push(d.createMs);
      }
    }
    return this.draws.slice(0, lastAtOrBefore(this.times, untilMs) + 1);
  }
}

/**
 * The runs as of `untilMs`, newest first, numbered in creation order. A finished run's output
 * is the newest tagged image of its repository at its finish.
 */
export function buildRuns(
  registry: SimRegistry,
  tasks: SimTask[],
  repos: SimRepository[],
  untilMs: number,
  book: RunBook,
): SimRun[] {
  const byName = new Map(repos.map((repo) => [repo.name, repo]));
  // In creation order (builds are laid out oldest first), so the newest built by a time is a binary search away.
  const built = new Map<string, { task: SimTask; tops: SimRepository["manifests"]; times: number[] }>();
  for (const task of tasks) {
    const tops =
      byName.get(task.repository)?.manifests.filter((m) => m.subjectDigest === undefined && m.tags.length > 0) ?? [];
    built.set(task.name, { task, tops, times: tops.map((m) => m.createdAt.getTime()) });
  }
  const prefix = registry.name.slice(0, 2);
  const draws = book.drawnUntil(tasks, untilMs);
  const runs = draws.map((d, i): SimRun => {
    const finished = d.finishMs <= untilMs;
    const { task, tops, times } = built.get(d.taskName)!;
    const image = tops[lastAtOrBefore(times, d.finishMs)];
    return {
      task: task.name,
      status: !finished ? "Running" : d.failed ? "Failed" : d.canceled ? "Canceled" : "Succeeded",
      runType: "AutoBuild",
      createTime: new Date(d.createMs),
      startTime: new Date(d.startMs),
      ...(finished ? { finishTime: new Date(d.finishMs) } : {}),
      cpu: task.cpu,
      outputImages:
        finished && !d.failed && !d.canceled && image
          ? [{ registry: registry.loginServer, repository: task.repository, tag: image.tags[0], digest: image.digest }]
          : [],
      runId: `${prefix}${(i + 1).toString(36)}`,
    };
  });
  return runs.reverse();
}

/** Index of the last of ascending `times` at or before `ms`; -1 when none is. */
function lastAtOrBefore(times: number[], ms: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
