/**
 * Billable task usage per run, the same rule as the cost model's billableTaskUsageByDay
 * (lib/costs/task-usage.ts): a run counts on the UTC day it finished, duration × vCPUs, the
 * month's free grant consumed in finish-time order. Chargeback needs it per run to give each
 * run's share of a day's task cost to the team owning the run's output image; only the ratios
 * within a day are used, the day's micros always come from the cost model.
 */
import { isoDay } from "@/lib/calendar";

export type ChargeRun = { startedAt: Date; finishedAt: Date; cpu: number | null; outputRepository: string | null };
export type RunUsage = { day: string; usage: bigint; outputRepository: string | null };

export function billableUsageByRun(input: {
  runs: readonly ChargeRun[];
  month: string;
  today: string;
  freeVcpuSecondsPerMonth: number;
  defaultTaskCpu: number;
}): RunUsage[] {
  const counted = input.runs
    .filter((run) => {
      const day = isoDay(run.finishedAt);
      return day.startsWith(`${input.month}-`) && day <= input.today;
    })
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || a.startedAt.getTime() - b.startedAt.getTime());
  let freeLeft = BigInt(input.freeVcpuSecondsPerMonth) * 1_000_000n;
  return counted.map((run) => {
    const durationMs = BigInt(Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()));
    const usage = durationMs * BigInt(Math.round((run.cpu ?? input.defaultTaskCpu) * 1000));
    const free = usage < freeLeft ? usage : freeLeft;
    freeLeft -= free;
    return { day: isoDay(run.finishedAt), usage: usage - free, outputRepository: run.outputRepository };
  });
}
