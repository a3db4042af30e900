// Fault injection for tests: a broken registry (500s), a throttling data plane (429s), or a
// resource provider the identity may not read (ARM 403 on its subscription-wide lists).
import type { ServerResponse } from "node:http";
import { sendJson } from "./http";
import { acrError } from "./dataplane-shapes";

export type SimFault =
  | { kind: "error500"; registry: string }
  | { kind: "throttle"; every: number }
  | { kind: "armForbidden"; provider: "Microsoft.App" | "Microsoft.Web" };

export class FaultInjector {
  private fault: SimFault | null = null;
  private counter = 0;

  set(fault: SimFault | null): void {
    this.fault = fault;
    this.counter = 0;
  }

  forbiddenProvider(): string | null {
    return this.fault?.kind === "armForbidden" ? this.fault.provider : null;
  }

  /** Answers the request with the active fault and returns its kind, or null to let it through. */
  intercept(registryName: string, res: ServerResponse): SimFault["kind"] | null {
    const f = this.fault;
    if (!f || f.kind === "armForbidden") return null;
    if (f.kind === "error500") {
      if (f.registry.toLowerCase() !== registryName.toLowerCase()) return null;
      sendJson(res, 500, acrError("INTERNAL_SERVER_ERROR", "simulated failure"));
      return f.kind;
    }
    this.counter++;
    if (this.counter % Math.max(1, f.every) !== 0) return null;
    sendJson(res, 429, acrError("TOOMANYREQUESTS", "simulated throttling"), { "Retry-After": "1" });
    return f.kind;
  }
}
