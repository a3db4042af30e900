/**
 * Resident memory of processes we started, from /proc/<pid>/status (Linux): VmRSS now, VmHWM the
 * peak since the process started. A process's tree counts (a server may fork its workers); a
 * sampler polls VmRSS to catch a peak within a window, since VmHWM also holds earlier peaks.
 */
import { readFileSync } from "node:fs";

const MB = 1024;

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited meanwhile
  }
}

/** The process and its descendants. */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").split(/\s+/))
        if (task) pids.push(Number(task));
    } catch {
      // exited meanwhile: no children to add
    }
  }
  return pids;
}

export function rssMb(pid: number): number {
  return Math.round(processTree(pid).reduce((kb, p) => kb + statusKb(p, "VmRSS"), 0) / MB);
}

/** The largest peak of the tree's processes since each started (a tree's peaks need not coincide). */
export function peakRssMb(pid: number): number {
  return Math.round(Math.max(...processTree(pid).map((p) => statusKb(p, "VmHWM"))) / MB);
}

/** Polls the trees' summed VmRSS every `intervalMs` until stopped; returns the highest sample. */
export function sampleRss(pids: readonly number[], intervalMs = 50): { stop(): number; baselineMb: number } {
  const total = () => pids.reduce((mb, pid) => mb + rssMb(pid), 0);
  const baselineMb = total();
  let highest = baselineMb;
  const timer = setInterval(() => (highest = Math.max(highest, total())), intervalMs);
  return {
    baselineMb,
    stop() {
      clearInterval(timer);
      return Math.max(highest, total());
    },
  };
}
