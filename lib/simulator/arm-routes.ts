// Azure Resource Manager endpoints the management SDK (v11) calls: subscriptions,
// registries (paged with nextLink), usages, replications, webhooks, tasks and runs; the apps
// that run images are served by app-routes.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimEstate, SimRegistry } from "./estate";
import { parseUrl, positiveInt, sendJson } from "./http";
import { registryJson, replicationJson, runJson, taskJson, webhookJson } from "./arm-shapes";
import { handleAppArm } from "./app-routes";
import type { FaultInjector, RequestInfo } from "./faults";

export interface ArmContext {
  estate(): SimEstate;
  armEndpoint(): string;
  pageSize: number;
  count(kind: string): void;
  /** The fault plan's ARM faults: forbidden providers and subscriptions, deleted registries. */
  faults?: Pick<FaultInjector, "providerForbidden" | "subscriptionForbidden" | "registryDeleted">;
}

const RG_REGISTRY =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerregistry\/registries\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/i;
const SUB_REGISTRIES = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.containerregistry\/registries$/i;
const RG_REGISTRIES =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerregistry\/registries$/i;
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)$/i;

function notFound(res: ServerResponse, code: string, message: string): void {
  sendJson(res, 404, { error: { code, message } });
}

/** One page of `items` plus an absolute nextLink that carries the offset in $skipToken. */
export function page<T>(
  ctx: ArmContext,
  req: IncomingMessage,
  items: T[],
  size: number,
): { items: T[]; nextLink?: string } {
  const { path, query } = parseUrl(req.url);
  const start = positiveInt(query.get("$skipToken"), 0, items.length);
  const end = start + size;
  if (end >= items.length) return { items: items.slice(start) };
  const next = new URLSearchParams(query);
  next.set("$skipToken", String(end));
  return { items: items.slice(start, end), nextLink: `${ctx.armEndpoint()}${path}?${next.toString()}` };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** An ARM request, for the fault plan: the subscription and registry its path names, if any. */
export function classifyArm(req: IncomingMessage): RequestInfo {
  const { path } = parseUrl(req.url);
  const registry = RG_REGISTRY.exec(path);
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
  return { kind: "arm", subscription, registry: registry?.[3], key: `${req.method} ${req.url}` };
}

function forbidden(res: ServerResponse, action: string, scope: string): void {
  sendJson(res, 403, {
    error: {
      code: "AuthorizationFailed",
      message: `The client does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid.`,
    },
  });
}

export function handleArm(ctx: ArmContext, req: IncomingMessage, res: ServerResponse): void {
  const auth = req.headers.authorization ?? "";
  if (!/^Bearer\s+\S+/i.test(auth)) {
    ctx.count("armUnauthorized");
    sendJson(
      res,
      401,
      {
        error: {
          code: "AuthenticationFailed",
          message: "Authentication failed. The 'Authorization' header is missing.",
        },
      },
      {
        "WWW-Authenticate":
          'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"',
      },
    );
    return;
  }
  ctx.count("arm");
  const estate = ctx.estate();
  const { path } = parseUrl(req.url);
  const subs = estate.subscriptions;
  if (/^\/subscriptions\/?$/i.test(path)) {
    const value = subs.map((s) => ({
      id: `/subscriptions/${s.id}`,
      subscriptionId: s.id,
      displayName: s.displayName,
      state: "Enabled",
      tenantId: s.tenantId,
    }));
    return sendJson(res, 200, { value });
  }
  let m = SUBSCRIPTION.exec(path);
  if (m) {
    const s = subs.find((x) => sameName(x.id, m![1]));
    if (!s) return notFound(res, "SubscriptionNotFound", `The subscription '${m[1]}' could not be found.`);
    return sendJson(res, 200, {
      id: `/subscriptions/${s.id}`,
      subscriptionId: s.id,
      displayName: s.displayName,
      state: "Enabled",
      tenantId: s.tenantId,
    });
  }
  const info = { kind: "arm" as const, key: `${req.method} ${req.url}` };
  const inSub = (sub: string): SimRegistry[] | null =>
    subs.some((s) => sameName(s.id, sub))
      ? estate.registries.filter(
          (r) =>
            sameName(r.subscriptionId, sub) &&
            !ctx.faults?.registryDeleted({ ...info, subscription: sub, registry: r.name }, "list"),
        )
      : null;
  const listDenied = (sub: string): boolean => {
    if (!ctx.faults?.subscriptionForbidden({ ...info, subscription: sub })) return false;
    forbidden(res, "Microsoft.ContainerRegistry/registries/read", `/subscriptions/${sub}`);
    return true;
  };
  if ((m = SUB_REGISTRIES.exec(path))) {
    if (listDenied(m[1])) return;
    const regs = inSub(m[1]);
    if (!regs) return notFound(res, "SubscriptionNotFound", `The subscription '${m[1]}' could not be found.`);
    const p = page(ctx, req, regs, ctx.pageSize);
    return sendJson(res, 200, { value: p.items.map(registryJson), ...(p.nextLink ? { nextLink: p.nextLink } : {}) });
  }
  if ((m = RG_REGISTRIES.exec(path))) {
    if (listDenied(m[1])) return;
    const regs = inSub(m[1]);
    const rg = m[2];
    const inRg = regs?.filter((r) => sameName(r.resourceGroup, rg)) ?? [];
    if (!regs || inRg.length === 0)
      return notFound(res, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`);
    const p = page(ctx, req, inRg, ctx.pageSize);
    return sendJson(res, 200, { value: p.items.map(registryJson), ...(p.nextLink ? { nextLink: p.nextLink } : {}) });
  }
  if ((m = RG_REGISTRY.exec(path))) {
    const [, sub, rg, name, child, childName] = m;
    const found = estate.registries.find(
      (x) => sameName(x.subscriptionId, sub) && sameName(x.resourceGroup, rg) && sameName(x.name, name),
    );
    const r =
      found && ctx.faults?.registryDeleted({ ...info, subscription: sub, registry: found.name }, "details")
        ? undefined
        : found;
    if (!r)
      return notFound(
        res,
        "ResourceNotFound",
        `The Resource 'Microsoft.ContainerRegistry/registries/${name}' under resource group '${rg}' was not found.`,
      );
    return handleRegistryChild(ctx, req, res, estate.seed, r, child?.toLowerCase(), childName);
  }
  if (handleAppArm(ctx, req, res)) return;
  notFound(res, "NotFound", `No route for ${path}`);
}

function handleRegistryChild(
  ctx: ArmContext,
  req: IncomingMessage,
  res: ServerResponse,
  seed: number,
  r: SimRegistry,
  child: string | undefined,
  childName: string | undefined,
): void {
  const one = <T extends { name?: string; runId?: string }>(
    items: T[],
    render: (t: T) => object,
    kind: string,
  ): void => {
    const found = items.find((t) => sameName(t.name ?? t.runId ?? "", childName ?? ""));
    if (!found) return notFound(res, "ResourceNotFound", `The ${kind} '${childName}' was not found.`);
    sendJson(res, 200, render(found));
  };
  switch (child) {
    case undefined:
      return sendJson(res, 200, registryJson(r));
    case "listusages":
      return sendJson(res, 200, { value: r.usages });
    case "replications":
      if (childName) return one(r.replications, (x) => replicationJson(r, x), "replication");
      return sendJson(res, 200, { value: r.replications.map((x) => replicationJson(r, x)) });
    case "webhooks":
      if (childName) return one(r.webhooks, (x) => webhookJson(r, x), "webhook");
      return sendJson(res, 200, { value: r.webhooks.map((x) => webhookJson(r, x)) });
    case "tasks":
      if (childName) return one(r.tasks, (x) => taskJson(seed, r, x), "task");
      return sendJson(res, 200, { value: r.tasks.map((x) => taskJson(seed, r, x)) });
    case "runs": {
      if (childName) return one(r.runs, (x) => runJson(r, x), "run");
      const top = positiveInt(parseUrl(req.url).query.get("$top"), 100, 1000);
      const p = page(ctx, req, r.runs, top);
      return sendJson(res, 200, {
        value: p.items.map((x) => runJson(r, x)),
        ...(p.nextLink ? { nextLink: p.nextLink } : {}),
      });
    }
    default:
      notFound(res, "NotFound", `Unknown registry operation '${child}'.`);
  }
}
