/**
 * Billable task usage of one registry in one month. A run counts on the UTC day it finished,
 * for duration × vCPUs (its own CPU count, else the table's default). The month's free grant is
 * consumed in finish-time order, so the day the grant runs out may be partly free.
 * Amounts are integer micro-vCPU-seconds (milliseconds × milli-vCPUs) so nothing is a float.
 */
import { isoDay } from "@/lib/calendar";
import type { TaskRunUsage } from "./types";

export const MICRO_VCPU_SECONDS_PER_VCPU_SECOND = 1_000_000n;

export function billableTaskUsageByDay(input: {
  runs: TaskRunUsage[];
  month: string;
  today: string;
  freeVcpuSecondsPerMonth: number;
  defaultTaskCpu: number;
}): Map<string, bigint> {
  const counted = input.runs
    .filter((run) => {
      const day = isoDay(run.finishedAt);
      return day.startsWith(`${input.month}-`) && day <= input.today;
    })
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || a.startedAt.getTime() - b.startedAt.getTime());

  let freeLeft = BigInt(input.freeVcpuSecondsPerMonth) * MICRO_VCPU_SECONDS_PER_VCPU_SECOND;
  const byDay = new Map<string, bigint>();
  for (const run of counted) {
    const durationMs = BigInt(Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()));
    const milliVcpus = BigInt(Math.round((run.cpu ?? input.defaultTaskCpu) * 1000));
    const usage = durationMs * milliVcpus;
    const free = usage < freeLeft ? usage : freeLeft;
    freeLeft -= free;
    const day = isoDay(run.finishedAt);
    byDay.set(day, (byDay.get(day) ?? 0n) + usage - free);
  }
  return byDay;
}
