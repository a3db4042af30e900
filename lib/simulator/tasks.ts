// ACR Tasks and their runs. Runs are drawn per task per day from a fixed start, then
// numbered in time order, so a later date only appends runs (and finishes running ones).
import type { SimRegistry, SimRepository, SimRun, SimTask } from "./estate";
import { rngFor } from "./prng";
import { dayOf, DAY_MS, msOfDay, ORIGIN_MS } from "./clock";

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

export function buildRuns(seed: number, registry: SimRegistry, tasks: SimTask[], repos: SimRepository[], untilMs: number): SimRun[] {
  const drafts: Omit<SimRun, "runId">[] = [];
  const byName = new Map(repos.map((repo) => [repo.name, repo]));
  for (const task of tasks) {
    const r = rngFor(seed, registry.name, "runs", task.name);
    const repo = byName.get(task.repository);
    // In creation order (builds are laid out oldest first), so the newest built by a time is a binary search away.
    const tops = repo?.manifests.filter((m) => m.subjectDigest === undefined && m.tags.length > 0) ?? [];
    const topTimes = tops.map((m) => m.createdAt.getTime());
    for (let day = dayOf(task.createdAt.getTime()); day <= dayOf(untilMs); day++) {
      const runsToday = task.status === "Enabled" ? r.int(0, 3) : 0;
      for (let k = 0; k < runsToday; k++) {
        const createMs = msOfDay(day) + r.int(0, 86_399) * 1000;
        const queuedMs = r.int(2, 40) * 1000;
        const durationMs = r.int(45, 900) * 1000;
        const failed = r.chance(0.08);
        const canceled = !failed && r.chance(0.02);
        if (createMs > untilMs) continue;
        const startMs = createMs + queuedMs;
        const finishMs = startMs + durationMs;
        const finished = finishMs <= untilMs;
        const built = tops[lastAtOrBefore(topTimes, finishMs)];
        drafts.push({
          task: task.name,
          status: !finished ? "Running" : failed ? "Failed" : canceled ? "Canceled" : "Succeeded",
          runType: "AutoBuild",
          createTime: new Date(createMs),
          startTime: new Date(startMs),
          ...(finished ? { finishTime: new Date(finishMs) } : {}),
          cpu: task.cpu,
          outputImages:
            finished && !failed && !canceled && built
              ? [{ registry: registry.loginServer, repository: task.repository, tag: built.tags[0], digest: built.digest }]
              : [],
        });
      }
    }
  }
  drafts.sort((a, b) => a.createTime.getTime() - b.createTime.getTime());
  const prefix = registry.name.slice(0, 2);
  const runs = drafts.map((d, i) => ({ ...d, runId: `${prefix}${(i + 1).toString(36)}` }));
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
