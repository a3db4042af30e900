// The ACR simulator: one HTTPS listener for ARM plus one per registry data plane (its
// loginServer is localhost:<port>), all serving the estate generated for the current
// simulated date. Setting a later date carries the estate forward, which only appends history.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Scale, SimEstate, SimRegistry } from "./estate";
import { EstateGenerator } from "./generator";
import { buildRegistryShells, buildSubscriptions } from "./registries";
import { createCerts } from "./certs";
import { classifyArm, handleArm } from "./arm-routes";
import { classifyDataPlane, handleDataPlane } from "./dataplane-routes";
import { FaultInjector, type SimFault } from "./faults";
import type { FaultPlan, FaultPlanInput } from "./fault-plan";
import { nextTokenSeq } from "./auth";
import { sendJson } from "./http";
import { ReadLimiter, type ReadLimits } from "./read-limits";
import { acrError } from "./dataplane-shapes";

export type { Scale } from "./estate";
export type { SimFault } from "./faults";
export type { FaultPlan, FaultPlanInput } from "./fault-plan";

export interface SimulatorOptions {
  seed: number;
  scale: Scale;
  /** Simulated "today" (default: real now); the estate is f(seed, scale, date). */
  date?: Date;
  /** ARM port; data planes use port+1..port+N. 0 or undefined = random ports. */
  port?: number;
  /** Where the CA certificate is written (default: a new temp dir). */
  certDir?: string;
  /** Registries per ARM page; small by default so nextLink paging is exercised. */
  armPageSize?: number;
  /** Tokens open only the scope they were issued for, as on ACR (default true). */
  strictScopes?: boolean;
  /** Faults to inject from the start (see fault-plan.ts). */
  faults?: FaultPlanInput | FaultPlan;
  /** ACR's read limits per registry (read-limits.ts); undefined: unlimited. */
  readLimits?: ReadLimits;
}

export interface SimStats {
  requests: number;
  /** Per kind: arm, catalog, repository, tags, tag, manifests, manifest, manifestBodies, exchange, token, challenge, throttled, readLimited (429s past the read limits), errors, and `fault:<rule kind>` per fault applied. */
  byKind: Record<string, number>;
  manifestBodies: number;
}

export interface RunningSimulator {
  armEndpoint: string;
  caCertPem: string;
  caCertPath: string;
  subscriptionIds: string[];
  getDate(): Date;
  setDate(d: Date): void;
  estate(): SimEstate;
  setFault(f: SimFault | null): void;
  /** Replaces the fault plan (null: none); its budgets start again. */
  setFaults(plan: FaultPlanInput | FaultPlan | null): void;
  /** Replaces the read limits (null: unlimited); counting starts again. */
  setReadLimits(limits: ReadLimits | null): void;
  stats(): SimStats;
  resetStats(): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  // Clients keep sockets idle between sync phases; Node's 5 s default invites reset races.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const certs = await createCerts(opts.certDir);
  const tls = { key: certs.serverKeyPem, cert: certs.serverCertPem, keepAlive: true };
  const counts: Record<string, number> = {};
  let requests = 0;
  const count = (kind: string): void => {
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  const faults = new FaultInjector(nextTokenSeq, (kind) => count(kind === "throttle" ? "throttled" : `fault:${kind}`));
  if (opts.faults) faults.setPlan(opts.faults);
  // Registry shells tell us how many listeners to open before the estate exists.
  const shells = buildRegistryShells(opts.seed, opts.scale, buildSubscriptions(opts.seed, opts.scale));
  const servers: Server[] = [];
  const ports: number[] = [];
  let date = opts.date ?? new Date();
  let estate: SimEstate | null = null;
  // Moving the clock forward (the demo's day-by-day history) applies only the new events.
  const generator = new EstateGenerator({
    seed: opts.seed,
    scale: opts.scale,
    loginServer: (_, i) => `localhost:${ports[i]}`,
  });
  const regenerate = (): SimEstate => generator.at(date);

  const guard =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void) =>
    (req: IncomingMessage, res: ServerResponse) => {
      requests++;
      Promise.resolve(handler(req, res)).catch((err: unknown) => {
        count("errors");
        if (!res.headersSent) sendJson(res, 500, { error: { code: "InternalError", message: String(err) } });
        else res.destroy();
      });
    };

  const armContext = {
    estate: () => estate!,
    armEndpoint: () => armEndpoint,
    pageSize: opts.armPageSize ?? 2,
    count,
    faults,
  };
  const arm = createServer(
    tls,
    guard((req, res) => faults.handle(classifyArm(req), req, res, () => handleArm(armContext, req, res))),
  );
  servers.push(arm);
  const armPort = await listen(arm, opts.port ?? 0);
  const armEndpoint = `https://localhost:${armPort}`;
  let limiter = opts.readLimits ? new ReadLimiter(opts.readLimits) : null;
  for (let i = 0; i < shells.length; i++) {
    const name = shells[i].name;
    const sku = shells[i].sku;
    const ctx = {
      registry: (): SimRegistry => estate!.registries[i],
      strictScopes: opts.strictScopes ?? true,
      count,
      tokenIssuedFrom: () => faults.tokenIssuedBefore(name),
    };
    const server = createServer(
      tls,
      guard((req, res) => {
        const admission = limiter?.admit(name, sku);
        if (admission && !admission.admitted) {
          count("readLimited");
          req.resume();
          return sendJson(res, 429, acrError("TOOMANYREQUESTS", "too many requests: the registry's read limit"), {
            "Retry-After": String(admission.retryAfterSeconds),
          });
        }
        return faults.handle(classifyDataPlane(name, req), req, res, (edit) => handleDataPlane(ctx, req, res, edit));
      }),
    );
    servers.push(server);
    ports.push(await listen(server, opts.port ? opts.port + 1 + i : 0));
  }
  estate = regenerate();

  return {
    armEndpoint,
    caCertPem: certs.caCertPem,
    caCertPath: certs.caCertPath,
    subscriptionIds: estate.subscriptions.map((s) => s.id),
    getDate: () => new Date(date),
    setDate: (d) => {
      date = new Date(d);
      estate = regenerate();
    },
    estate: () => estate!,
    setFault: (f) => faults.set(f),
    setFaults: (plan) => faults.setPlan(plan),
    setReadLimits: (limits) => {
      limiter = limits ? new ReadLimiter(limits) : null;
    },
    stats: () => ({ requests, byKind: { ...counts }, manifestBodies: counts.manifestBodies ?? 0 }),
    resetStats: () => {
      requests = 0;
      for (const k of Object.keys(counts)) delete counts[k];
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
