// ARM endpoints of the apps that run images: Container Apps and jobs listed per subscription and
// an app's revisions (@azure/arm-appcontainers, api-version 2026-07-01), App Service sites and slots, their
// config/web and sitecontainers (@azure/arm-appservice, 2025-05-01). Lists page with nextLink.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ArmContext } from "./arm-routes";
import { page } from "./arm-routes";
import { containerAppJson, jobJson, revisionJson, siteConfigJson, siteContainerJson, siteJson } from "./app-shapes";
import { parseUrl, sendJson } from "./http";

const SUB_LIST =
  /^\/subscriptions\/([^/]+)\/providers\/(microsoft\.app\/containerapps|microsoft\.app\/jobs|microsoft\.web\/sites)$/i;
const REVISIONS =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.app\/containerapps\/([^/]+)\/revisions$/i;
const SITE =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.web\/sites\/([^/]+)(?:\/slots(?:\/([^/]+))?)?(\/config\/web|\/sitecontainers)?$/i;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Microsoft.App ends its lists with `"nextLink": null` (as its examples do); Microsoft.Web omits it. */
function list(ctx: ArmContext, req: IncomingMessage, res: ServerResponse, items: object[], lastNextLink?: null): void {
  const p = page(ctx, req, items, ctx.pageSize);
  const next = p.nextLink ?? lastNextLink;
  sendJson(res, 200, { value: p.items, ...(next !== undefined ? { nextLink: next } : {}) });
}

/** Answers the request when it is one of these endpoints; false lets the caller go on. */
export function handleAppArm(ctx: ArmContext, req: IncomingMessage, res: ServerResponse): boolean {
  const { path } = parseUrl(req.url);
  const estate = ctx.estate();
  const apps = estate.apps;
  let m = SUB_LIST.exec(path);
  if (m) {
    const [, sub, type] = m;
    if (!estate.subscriptions.some((s) => same(s.id, sub))) {
      sendJson(res, 404, {
        error: { code: "SubscriptionNotFound", message: `The subscription '${sub}' could not be found.` },
      });
      return true;
    }
    const provider = type.split("/")[0];
    if (ctx.faults?.providerForbidden({ kind: "arm", subscription: sub, key: `${req.method} ${req.url}` }, provider)) {
      sendJson(res, 403, {
        error: {
          code: "AuthorizationFailed",
          message: `The client does not have authorization to perform action '${type}/read' over scope '/subscriptions/${sub}' or the scope is invalid.`,
        },
      });
      return true;
    }
    const lower = type.toLowerCase();
    if (lower === "microsoft.web/sites")
      list(
        ctx,
        req,
        res,
        apps.sites.filter((s) => same(s.subscriptionId, sub)).map((s) => siteJson(s)),
      );
    else {
      const kind = lower === "microsoft.app/jobs" ? "job" : "containerapp";
      const render = kind === "job" ? jobJson : containerAppJson;
      list(
        ctx,
        req,
        res,
        apps.containerApps.filter((a) => a.kind === kind && same(a.subscriptionId, sub)).map(render),
        null,
      );
    }
    return true;
  }
  m = REVISIONS.exec(path);
  if (m) {
    const [, sub, rg, name] = m;
    const app = apps.containerApps.find(
      (a) =>
        a.kind === "containerapp" && same(a.subscriptionId, sub) && same(a.resourceGroup, rg) && same(a.name, name),
    );
    if (!app)
      sendJson(res, 404, {
        error: {
          code: "ContainerAppNotFound",
          message: `The Container App '${name}' under resource group '${rg}' was not found.`,
        },
      });
    else
      list(
        ctx,
        req,
        res,
        app.revisions.map((r) => revisionJson(app, r)),
        null,
      );
    return true;
  }
  m = SITE.exec(path);
  if (!m) return false;
  const [, sub, rg, name, slotName, child] = m;
  const site = apps.sites.find((s) => same(s.subscriptionId, sub) && same(s.resourceGroup, rg) && same(s.name, name));
  const slotsListed = /\/slots$/i.test(path);
  const slot = slotName === undefined ? undefined : site?.slots.find((x) => same(x.name, slotName));
  if (!site || (slotName !== undefined && !slot)) {
    sendJson(res, 404, {
      error: {
        code: "ResourceNotFound",
        message: `The Resource 'Microsoft.Web/sites/${name}' under resource group '${rg}' was not found.`,
      },
    });
    return true;
  }
  if (slotsListed)
    list(
      ctx,
      req,
      res,
      site.slots.map((x) => siteJson(site, x.name)),
    );
  else if (child === undefined) sendJson(res, 200, siteJson(site, slot?.name));
  else if (child.toLowerCase() === "/config/web") sendJson(res, 200, siteConfigJson(site, slot?.name));
  else
    list(
      ctx,
      req,
      res,
      (slot ?? site).siteContainers.map((c) => siteContainerJson(site, slot?.name, c)),
    );
  return true;
}
