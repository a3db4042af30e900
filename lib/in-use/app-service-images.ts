/**
 * What image an App Service or Functions site runs, read from its `siteConfig.linuxFxVersion` or
 * `windowsFxVersion`: `DOCKER|<image>` (a single custom container), `COMPOSE|<base64 YAML>`
 * (the retired multi-container mode, still found on old sites), `SITECONTAINERS` (sidecar mode:
 * the images are the site's sitecontainers resources), or a code stack such as `NODE|20-lts`,
 * which runs no image of ours. Pure: no I/O.
 */

export type FxVersionImages =
  | { kind: "images"; images: string[] }
  /** Sidecar mode: list the site's sitecontainers to learn its images. */
  | { kind: "sitecontainers" }
  /** A code stack (or nothing set): no container image. */
  | { kind: "none" }
  | { kind: "invalid"; error: string };

/** One `image:` value per line of a Compose file; quotes and trailing comments dropped. */
const COMPOSE_IMAGE = /^\s*(?:-\s*)?image\s*:\s*["']?([^"'\s#]+)["']?\s*(?:#.*)?$/gm;

function composeImages(encoded: string): FxVersionImages {
  const text = Buffer.from(encoded, "base64").toString("utf8");
  // Base64 decoding never throws; a payload that is not Compose YAML has no service at all.
  if (!/\bservices\s*:/.test(text))
    return { kind: "invalid", error: "COMPOSE| value is not base64-encoded Compose YAML" };
  return { kind: "images", images: [...text.matchAll(COMPOSE_IMAGE)].map((m) => m[1]) };
}

export function readFxVersion(value: string | null | undefined): FxVersionImages {
  const text = value?.trim() ?? "";
  if (text === "") return { kind: "none" };
  const bar = text.indexOf("|");
  const stack = (bar === -1 ? text : text.slice(0, bar)).toUpperCase();
  const rest = bar === -1 ? "" : text.slice(bar + 1).trim();
  switch (stack) {
    case "DOCKER":
      return rest === "" ? { kind: "invalid", error: "DOCKER| with no image" } : { kind: "images", images: [rest] };
    case "COMPOSE":
      return composeImages(rest);
    case "SITECONTAINERS":
      return { kind: "sitecontainers" };
    default:
      return { kind: "none" };
  }
}

/** Both settings of a site: Linux sites use linuxFxVersion, Windows containers windowsFxVersion. */
export function readSiteConfigImages(config: {
  linuxFxVersion?: string | null;
  windowsFxVersion?: string | null;
}): FxVersionImages {
  const linux = readFxVersion(config.linuxFxVersion);
  return linux.kind === "none" ? readFxVersion(config.windowsFxVersion) : linux;
}

/** `kind` as App Service reports it, e.g. `functionapp,linux,container` or `app,linux`. */
export function siteResourceKind(kind: string | null | undefined): "functionapp" | "webapp" {
  return (kind ?? "")
    .toLowerCase()
    .split(",")
    .map((k) => k.trim())
    .includes("functionapp")
    ? "functionapp"
    : "webapp";
}
