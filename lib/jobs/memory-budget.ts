/**
 * What one worker process holds in memory at once, over all its registry and batch jobs, counted in
 * repositories: a read holds each repository's listing (manifests and tags) and its new bodies'
 * facts until it is written, and a batched registry's write, with the figures kept after it,
 * grows with the whole registry. Each job takes the repositories it holds before it starts and
 * gives them back when it ends; one that does not fit waits its turn (first come, first served,
 * so a large job is never passed over for good by smaller ones). A job larger than the whole
 * budget runs alone. Jobs never take twice, so a job that waits only waits for jobs that run.
 */
export type MemoryBudget = {
  /** Runs `work` once `repositories` fit beside what the running jobs hold. */
  run<T>(repositories: number, work: () => Promise<T>): Promise<T>;
  /** Repositories the running jobs hold now. */
  inUse(): number;
};

export function createMemoryBudget(capacity: number): MemoryBudget {
  let used = 0;
  const waiting: { units: number; start: () => void }[] = [];
  const admit = () => {
    while (waiting.length > 0 && (used === 0 || used + waiting[0].units <= capacity)) {
      const next = waiting.shift()!;
      used += next.units;
      next.start();
    }
  };
  return {
    async run(repositories, work) {
      const units = Math.min(capacity, Math.max(1, Math.ceil(repositories)));
      await new Promise<void>((start) => {
        waiting.push({ units, start });
        admit();
      });
      try {
        return await work();
      } finally {
        used -= units;
        admit();
      }
    },
    inUse: () => used,
  };
}
