// One registry's data plane: the token exchange, /acr/v1 metadata with Link paging, and
// /v2 manifest bodies. Names and digests arrive percent-encoded (team%2Fapp, sha256%3A...).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimRegistry, SimTag } from "./estate";
import { parseUrl, positiveInt, readForm, sendJson } from "./http";
import { issueAccessToken, issueRefreshToken, isValidRefreshToken, readAccessToken, scopeCovers } from "./auth";
import { acrError, manifestJson, repositoryJson, tagJson } from "./dataplane-shapes";
import { catalogAfter, pageAfter, registryIndex, repoIndex, type OrderBy, type Ordered } from "./dataplane-index";
import { INDEX_MEDIA_TYPES, ManifestRecord } from "./bodies";
import type { RequestInfo, ResponseEdit } from "./faults";

export interface DataPlaneContext {
  registry(): SimRegistry;
  /** When true (default), a token only opens the scope it was issued for, as on ACR. */
  strictScopes: boolean;
  count(kind: string): void;
  /** Tokens with a lower sequence number were revoked (a fault plan's token expiry). */
  tokenIssuedFrom(): number;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const METADATA = /^\/acr\/v1\/(.+?)(?:\/(_tags|_manifests)(?:\/([^/]+))?)?$/;
const MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const enc = encodeURIComponent;

/** What a request asks for, for the fault plan's matching (the routes below parse it again). */
export function classifyDataPlane(registry: string, req: IncomingMessage): RequestInfo {
  const { path } = parseUrl(req.url);
  const key = `${req.method} ${req.url}`;
  if (path.startsWith("/oauth2/")) return { kind: "token", registry, key };
  if (path === "/acr/v1/_catalog") return { kind: "catalog", registry, key };
  const meta = METADATA.exec(path);
  const v2 = meta ? null : MANIFEST.exec(path);
  const rawName = meta?.[1] ?? v2?.[1];
  if (!rawName) return { kind: "ping", registry, key };
  const repository = safeDecode(rawName);
  if (v2) {
    const ref = safeDecode(v2[2]);
    return { kind: "manifestBody", registry, repository, digest: ref.includes(":") ? ref : undefined, key };
  }
  const [, , collection, item] = meta!;
  if (!collection) return { kind: "repository", registry, repository, key };
  if (item === undefined) return { kind: collection === "_tags" ? "tags" : "manifests", registry, repository, key };
  return collection === "_tags"
    ? { kind: "tag", registry, repository, key }
    : { kind: "manifest", registry, repository, digest: safeDecode(item), key };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A tag moved (while it was listed) to another manifest of its repository. */
function movedTag(t: SimTag, manifests: readonly { digest: string }[]): SimTag {
  const other = manifests.find((m) => m.digest !== t.digest);
  return other ? { ...t, digest: other.digest } : t;
}

/** The digest with its last hex digit changed. */
function otherDigest(digest: string): string {
  return digest.slice(0, -1) + (digest.endsWith("0") ? "1" : "0");
}

function filteredView(items: SimTag[]): Ordered<SimTag> {
  return { items, position: new Map(items.map((t, i) => [t.name, i])) };
}

function challenge(res: ServerResponse, registry: SimRegistry, scope: string): void {
  const [type, name, action] = scope.split(":");
  const realm = `https://${registry.loginServer}/oauth2/token`;
  sendJson(
    res,
    401,
    acrError("UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization for more information.", [
      { Type: type, Name: name, Action: action },
    ]),
    {
      "WWW-Authenticate": `Bearer realm="${realm}",service="${registry.loginServer}",scope="${scope}"`,
    },
  );
}

function authorized(ctx: DataPlaneContext, req: IncomingMessage, registry: SimRegistry, scope: string): boolean {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  const claims = token ? readAccessToken(token) : null;
  if (
    !claims ||
    claims.aud !== registry.loginServer ||
    claims.exp * 1000 < Date.now() ||
    claims.seq < ctx.tokenIssuedFrom()
  )
    return false;
  return !ctx.strictScopes || scopeCovers(claims.scopes, scope);
}

async function handleOAuth(
  ctx: DataPlaneContext,
  req: IncomingMessage,
  res: ServerResponse,
  registry: SimRegistry,
  path: string,
  edit: ResponseEdit | null,
): Promise<void> {
  const form = await readForm(req);
  const service = form.get("service") ?? "";
  const badRequest = (message: string): void => sendJson(res, 400, acrError("BAD_REQUEST", message));
  if (service !== registry.loginServer) return badRequest(`unknown service '${service}'`);
  if (path === "/oauth2/exchange") {
    ctx.count("exchange");
    if (form.get("grant_type") !== "access_token" || !form.get("access_token"))
      return badRequest("grant_type=access_token and access_token are required");
    return sendJson(res, 200, { refresh_token: issueRefreshToken(service, form.get("tenant") ?? undefined) });
  }
  ctx.count("token");
  const grant = form.get("grant_type");
  // Several scopes, space-separated, ask for one token opening all of them (Docker's OAuth2 token grammar).
  const asked = form.get("scope") ?? "";
  const scope = edit === "firstScopeOnly" ? asked.split(" ")[0] : asked;
  const anonymousOk = grant === "password" && !form.get("refresh_token") && registry.anonymousPullEnabled;
  const refreshOk =
    grant === "refresh_token" && isValidRefreshToken(form.get("refresh_token") ?? "", service, ctx.tokenIssuedFrom());
  if (!anonymousOk && !refreshOk) return sendJson(res, 401, acrError("UNAUTHORIZED", "invalid refresh token"));
  sendJson(res, 200, { access_token: issueAccessToken(service, scope) });
}

/** `edit`: how a fault plan alters the answer (see faults.ts). */
export async function handleDataPlane(
  ctx: DataPlaneContext,
  req: IncomingMessage,
  res: ServerResponse,
  edit: ResponseEdit | null = null,
): Promise<void> {
  const registry = ctx.registry();
  const { path, query } = parseUrl(req.url);
  // A list cut short: its JSON does not parse.
  const reply = (body: unknown, headers?: Record<string, string>): void => {
    if (edit !== "malformedJson") return sendJson(res, 200, body, headers);
    const text = JSON.stringify(body);
    const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(cut),
      ...headers,
    });
    res.end(cut);
  };
  if (req.method === "POST" && (path === "/oauth2/exchange" || path === "/oauth2/token"))
    return handleOAuth(ctx, req, res, registry, path, edit);
  if (req.method !== "GET" && req.method !== "HEAD")
    return sendJson(res, 405, acrError("UNSUPPORTED", "The simulator is read-only."));
  const reg = registryIndex(registry);
  const loginServer = registry.loginServer;
  if (path === "/v2/" || path === "/v2") {
    // The registry "ping": any valid token for this registry will do; otherwise a scopeless challenge.
    const claims = readAccessToken((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (claims && claims.aud === loginServer && claims.seq >= ctx.tokenIssuedFrom()) return sendJson(res, 200, {});
    return sendJson(res, 401, acrError("UNAUTHORIZED", "authentication required"), {
      "WWW-Authenticate": `Bearer realm="https://${loginServer}/oauth2/token",service="${loginServer}"`,
    });
  }

  if (path === "/acr/v1/_catalog") {
    if (!authorized(ctx, req, registry, "registry:catalog:*"))
      return (ctx.count("challenge"), challenge(res, registry, "registry:catalog:*"));
    ctx.count("catalog");
    const n = positiveInt(query.get("n"), DEFAULT_PAGE, MAX_PAGE);
    const page = catalogAfter(reg.names, query.get("last"), n);
    const last = page.items[page.items.length - 1];
    const link = page.more ? { Link: `</acr/v1/_catalog?last=${enc(last)}&n=${n}&orderby=>; rel="next"` } : undefined;
    return reply({ repositories: page.items }, link);
  }
  const meta = METADATA.exec(path);
  const v2 = meta ? null : MANIFEST.exec(path);
  const rawName = meta?.[1] ?? v2?.[1];
  if (!rawName) return sendJson(res, 404, acrError("NOT_FOUND", `no route for ${path}`));
  const name = decodeURIComponent(rawName);
  const scope = `repository:${name}:${v2 ? "pull" : "metadata_read"}`;
  if (!authorized(ctx, req, registry, scope)) return (ctx.count("challenge"), challenge(res, registry, scope));
  const repo = edit === "repositoryDeleted" ? undefined : reg.repoByName.get(name);
  if (!repo) return sendJson(res, 404, acrError("NAME_UNKNOWN", "repository name not known to registry", { name }));
  if (meta && !meta[2]) {
    ctx.count("repository");
    return reply(repositoryJson(loginServer, repo));
  }
  const idx = repoIndex(repo);

  if (v2) {
    ctx.count("manifestBodies");
    const ref = decodeURIComponent(v2[2]);
    const m =
      edit === "manifestDeleted"
        ? undefined
        : ref.includes(":")
          ? idx.manifestByDigest.get(ref)
          : idx.manifestByDigest.get(idx.tagByName.get(ref)?.digest ?? "");
    if (!m) return sendJson(res, 404, acrError("MANIFEST_UNKNOWN", "manifest unknown", { Tag: ref }));
    const accept = req.headers.accept ?? "";
    // A registry will not hand an index to a client that cannot read one.
    if (m.children && accept && !accept.includes("*/*") && !INDEX_MEDIA_TYPES.some((t) => accept.includes(t))) {
      return sendJson(
        res,
        404,
        acrError("MANIFEST_UNKNOWN", "OCI index found, but accept header does not support OCI indexes"),
      );
    }
    const stored = m instanceof ManifestRecord ? m.bodyBytes() : Buffer.from(m.body, "utf8");
    // A corrupted body, or a header naming another digest: a client must reject either.
    const body = edit === "digestBody" ? Buffer.concat([stored, Buffer.from("\n")]) : stored;
    const digest = edit === "digestHeader" ? otherDigest(m.digest) : m.digest;
    res.writeHead(200, { "Content-Type": m.mediaType, "Docker-Content-Digest": digest, "Content-Length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  const [, , collection, item] = meta!;
  if (item !== undefined) {
    const key = decodeURIComponent(item);
    if (collection === "_tags") {
      ctx.count("tag");
      const t = idx.tagByName.get(key);
      if (!t)
        return sendJson(res, 404, acrError("TAG_UNKNOWN", "the specified tag does not exist", { name, tag: key }));
      return sendJson(res, 200, {
        registry: loginServer,
        imageName: name,
        tag: tagJson(edit === "tagMoved" ? movedTag(t, repo.manifests) : t),
      });
    }
    ctx.count("manifest");
    const m = edit === "manifestDeleted" ? undefined : idx.manifestByDigest.get(key);
    if (!m) return sendJson(res, 404, acrError("MANIFEST_UNKNOWN", "manifest unknown", { name, digest: key }));
    return sendJson(res, 200, { registry: loginServer, imageName: name, manifest: manifestJson(m) });
  }
  const orderParam = query.get("orderby") ?? "";
  const order: OrderBy = orderParam === "timedesc" || orderParam === "timeasc" ? orderParam : "name";
  const n = positiveInt(query.get("n"), DEFAULT_PAGE, MAX_PAGE);
  const last = query.get("last");
  const linkFor = (lastKey: string): Record<string, string> => ({
    Link: `</acr/v1/${enc(name)}/${collection}?last=${enc(lastKey)}&n=${n}&orderby=${orderParam}${query.get("digest") ? `&digest=${enc(query.get("digest")!)}` : ""}>; rel="next"`,
  });
  if (collection === "_tags") {
    ctx.count("tags");
    // ACR filters by digest when asked (the 1.1.2 SDK never asks; other clients do).
    const digest = query.get("digest");
    const view = digest ? filteredView(idx.tags[order].items.filter((t) => t.digest === digest)) : idx.tags[order];
    const page = pageAfter(view, last, n);
    const link = page.more ? linkFor(page.items[page.items.length - 1].name) : undefined;
    const items =
      edit === "tagMoved" && page.items.length > 0
        ? [movedTag(page.items[0], repo.manifests), ...page.items.slice(1)]
        : page.items;
    return reply({ registry: loginServer, imageName: name, tags: items.map(tagJson) }, link);
  }
  ctx.count("manifests");
  const page = pageAfter(idx.manifests[order], last, n);
  const link = page.more ? linkFor(page.items[page.items.length - 1].digest) : undefined;
  reply({ registry: loginServer, imageName: name, manifests: page.items.map(manifestJson) }, link);
}
