/**
 * Image references per the distribution reference grammar (github.com/distribution/reference),
 * normalised the way Docker and containerd do: `nginx` is `docker.io/library/nginx:latest`, so a
 * non-ACR image is recognised (and later ignored) rather than mistaken for an ACR repository.
 */

export type ImageReference = {
  /** Registry host[:port], lower-cased; `docker.io` for Docker Hub. */
  loginServer: string;
  /** Repository path inside the registry, e.g. `team/app`, `library/nginx`. */
  repository: string;
  /** Null when the reference names a digest only. */
  tag: string | null;
  /** `sha256:<hex>`, lower-cased; null when the reference names a tag only. */
  digest: string | null;
};

export type ParsedImageReference = { ok: true; reference: ImageReference } | { ok: false; error: string };

const DOCKER_HUB = "docker.io";
const MAX_NAME_LENGTH = 255;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const HOST = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^([a-z][a-z0-9]*(?:[+._-][a-z][a-z0-9]*)*):([a-fA-F0-9]{32,})$/;
/** Registered algorithms have a fixed length; others only need the grammar's 32+ hex digits. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const fail = (error: string): ParsedImageReference => ({ ok: false, error });

/** Text quoted in a message, cut short: one long bad line must not flood an answer listing many. */
function excerpt(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** A digest such as `sha256:<64 hex>`, lower-cased; an error message when it is not one. */
export function parseDigest(text: string): { ok: true; digest: string } | { ok: false; error: string } {
  const match = DIGEST.exec(text);
  if (!match)
    return {
      ok: false,
      error: `invalid digest "${excerpt(text)}" (expected algorithm:hex, e.g. sha256:<64 hex digits>)`,
    };
  const [, algorithm, hex] = match;
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length !== undefined && hex.length !== length) {
    return {
      ok: false,
      error: `invalid digest "${excerpt(text)}": ${algorithm} needs ${length} hex digits, got ${hex.length}`,
    };
  }
  return { ok: true, digest: `${algorithm}:${hex.toLowerCase()}` };
}

/** Docker's rule: the first component is a registry when it has a dot, a port, is localhost or has capitals. */
function splitDomain(name: string): { host: string; path: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash === -1 || (!/[.:]/.test(first) && first !== "localhost" && first === first.toLowerCase())) {
    return { host: DOCKER_HUB, path: name };
  }
  return { host: first, path: name.slice(slash + 1) };
}

function normaliseHost(host: string): string {
  const lower = host.toLowerCase();
  return lower === "index.docker.io" || lower === "registry-1.docker.io" ? DOCKER_HUB : lower;
}

export function parseImageReference(input: string): ParsedImageReference {
  const text = input.trim();
  if (text === "") return fail("empty image reference");
  if (/\s/.test(text)) return fail(`"${excerpt(text)}": an image reference has no spaces`);

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    const parsed = parseDigest(rest.slice(at + 1));
    if (!parsed.ok) return fail(`"${excerpt(text)}": ${parsed.error}`);
    digest = parsed.digest;
    rest = rest.slice(0, at);
  }

  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      return fail(
        `"${excerpt(text)}": invalid tag "${excerpt(tag)}" (letters, digits, _ . -; at most 128, not starting with . or -)`,
      );
  }

  if (rest === "") return fail(`"${excerpt(text)}": no repository name`);
  const { host, path } = splitDomain(rest);
  if (!HOST.test(host)) return fail(`"${excerpt(text)}": invalid registry host "${excerpt(host)}"`);
  const loginServer = normaliseHost(host);
  for (const component of path.split("/")) {
    if (PATH_COMPONENT.test(component)) continue;
    if (PATH_COMPONENT.test(component.toLowerCase()))
      return fail(`"${excerpt(text)}": repository "${excerpt(path)}" must be lower-case`);
    return fail(`"${excerpt(text)}": invalid repository path component "${excerpt(component)}"`);
  }
  const repository = loginServer === DOCKER_HUB && !path.includes("/") ? `library/${path}` : path;
  if (host.length + 1 + path.length > MAX_NAME_LENGTH)
    return fail(`"${excerpt(text)}": name longer than ${MAX_NAME_LENGTH} characters`);

  if (tag === null && digest === null) tag = "latest";
  return { ok: true, reference: { loginServer, repository, tag, digest } };
}

/** The canonical text of a reference: `host/repo[:tag][@digest]`. */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.loginServer}/${ref.repository}${ref.tag === null ? "" : `:${ref.tag}`}${ref.digest === null ? "" : `@${ref.digest}`}`;
}

const ACR_SUFFIXES = [".azurecr.io", ".azurecr.cn", ".azurecr.us"];

/** Whether a login server is an Azure Container Registry endpoint (public, China and US Government clouds). */
export function isAcrLoginServer(loginServer: string): boolean {
  const host = loginServer.toLowerCase();
  return ACR_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** `<registry>.<region>.geo.azurecr.<tld>`: the regional endpoint of a geo-replicated registry. */
const ACR_REGIONAL_ENDPOINT = /^([a-z0-9]+)\.[a-z0-9-]+\.geo\.(azurecr\.(?:io|cn|us))$/;

/**
 * The login server a reference's host stands for, lower-cased: a geo-replica's regional endpoint
 * (`myreg.westeurope.geo.azurecr.io`, which pulls from the replica in that region) is the
 * registry `myreg.azurecr.io`; any other host is itself.
 */
export function canonicalLoginServer(host: string): string {
  const lower = host.trim().toLowerCase();
  const regional = ACR_REGIONAL_ENDPOINT.exec(lower);
  return regional ? `${regional[1]}.${regional[2]}` : lower;
}

/** Whether images referenced through `host` live in the registry whose login server is `loginServer`. */
export function isSameRegistry(host: string, loginServer: string): boolean {
  return canonicalLoginServer(host) === canonicalLoginServer(loginServer);
}
