/** Starts scripts/bench/simulator-process.ts and drives it: its endpoint, its CA, its clock. */
import { fork } from "node:child_process";
import path from "node:path";
import type { SimulatorCommand, SimulatorReady } from "./simulator-process";

export type SimulatorChild = SimulatorReady & { pid: number; setDate(date: Date): Promise<void>; stop(): void };

type Message = ({ op: "ready" } & SimulatorReady) | { op: "dateSet"; date: string };

export async function startSimulatorChild(options: {
  scale: string;
  seed: string;
  day: string;
  readLimits: boolean;
}): Promise<SimulatorChild> {
  const child = fork(
    path.join(import.meta.dirname, "simulator-process.ts"),
    [options.scale, options.seed, options.day, ...(options.readLimits ? ["read-limits"] : [])],
    { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const next = (op: Message["op"]) =>
    new Promise<Message>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the simulator exited (${code})`));
      child.once("exit", onExit);
      const onMessage = (message: Message) => {
        if (message.op !== op) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message);
      };
      child.on("message", onMessage);
    });
  const ready = (await next("ready")) as Extract<Message, { op: "ready" }>;
  return {
    pid: child.pid!,
    armEndpoint: ready.armEndpoint,
    caCertPath: ready.caCertPath,
    caCertPem: ready.caCertPem,
    async setDate(date) {
      const answered = next("dateSet");
      child.send({ op: "setDate", date: date.toISOString() } satisfies SimulatorCommand);
      await answered;
    },
    stop: () => child.disconnect(),
  };
}
