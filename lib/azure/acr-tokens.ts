/**
 * ACR access tokens asked for many repositories at once. The SDK asks for one per client after a
 * 401 challenge: in a new process each repository's first read costs a challenge, an exchange of
 * the AAD token for a refresh token and a token request before the read itself. ACR's token
 * endpoint grants a space-separated list of scopes in one access token (the Docker registry OAuth2
 * protocol), so here one exchange serves a registry and one token request a run of repositories
 * about to be read: about one request per repository in any process.
 *
 * A token put on a request is only a first try: when the registry refuses it, the SDK's own
 * challenge handling still answers, and the repository goes back to the SDK's tokens after a
 * second refusal. So a registry (or proxy) that grants fewer scopes than asked costs requests,
 * never a read. A token endpoint that does not answer (or fails past the retries) fails the reads
 * with its error, as the SDK's challenge would, and is not asked again for 30 s.
 */
import {
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type PipelinePolicy,
  type PipelineRequest,
  type SendRequest,
} from "@azure/core-rest-pipeline";
import { z } from "zod";
import { describeError, LedgerError } from "../errors";
import { pipelineOptions, scopeFor, type AzureConnection } from "./connection";
import { scopeSignal } from "./http-client";

/**
 * Repositories per access token. ACR documents no limit; each scope adds about 80 bytes to a token
 * every request then carries in its Authorization header, so a run is kept well under the 8 KB
 * that proxies commonly allow for a header.
 */
export const SCOPES_PER_TOKEN = 50;
/** A token is not used in its last minutes: a request sent with it must still reach the registry in time. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** How long a token of unknown lifetime is used (ACR's are JWTs with `exp`; anything else is not trusted long). */
const UNKNOWN_LIFETIME_MS = 60 * 1000;
/** Refusals of a repository's tokens after which it is read with the SDK's own tokens only. */
const MAX_REFUSALS = 2;

/** How long a token endpoint that did not answer is not asked again: the reads fail with its error meanwhile. */
const UNREACHABLE_MS = 30 * 1000;

/** The token endpoint answered, but not with a token: the SDK's own challenge is to ask. */
class TokenRefused extends Error {}

/** The key of the catalog's scope; any other key is a repository name. */
export const CATALOG = "";

/** `generation`: which of the registry's refresh tokens it came from (a revocation takes them all). */
type Grant = { token: string; usableUntil: number; generation: number };

const RefreshAnswer = z.object({ refresh_token: z.string().min(1) });
const AccessAnswer = z.object({ access_token: z.string().min(1) });

/** When a JWT's `exp` says it expires, less the margin; a short while from now for anything else. */
export function usableUntil(token: string, now = Date.now()): number {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    const exp = z.object({ exp: z.number() }).safeParse(payload);
    if (exp.success) return exp.data.exp * 1000 - EXPIRY_MARGIN_MS;
  } catch {
    // not a JWT: below
  }
  return now + UNKNOWN_LIFETIME_MS;
}

/** An answer of the token endpoint as `schema` has it; anything else is a refusal. */
function parseAnswer<T>(schema: z.ZodType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new TokenRefused("the token endpoint answered no token");
  return parsed.data;
}

function scopeOf(key: string): string {
  return key === CATALOG ? "registry:catalog:*" : `repository:${key}:metadata_read,pull`;
}

export type RegistryTokens = ReturnType<typeof createRegistryTokens>;

export function createRegistryTokens(connection: AzureConnection, loginServer: string) {
  const origin = `https://${loginServer}`;
  const service = loginServer;
  const pipeline = createPipelineFromOptions(pipelineOptions(connection));
  let refresh: Promise<Grant> | undefined;
  let generation = 0;
  const granted = new Map<string, Grant>();
  const pending = new Map<string, Promise<Grant | undefined>>();
  const refusals = new Map<string, number>();
  /** Where each expected repository stands in the order it will be read. */
  const expected = new Map<string, { names: readonly string[]; index: number }>();

  async function post(path: string, form: Record<string, string>): Promise<unknown> {
    const request = createPipelineRequest({
      url: `${origin}${path}`,
      method: "POST",
      headers: createHttpHeaders({ "Content-Type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams(form).toString(),
    });
    const response = await pipeline.sendRequest(connection.httpClient, request);
    if (response.status >= 500) {
      throw new LedgerError("azure", `POST ${origin}${path} answered ${response.status}`);
    }
    if (response.status !== 200) {
      throw new TokenRefused(`POST ${origin}${path} answered ${response.status}`);
    }
    try {
      return JSON.parse(response.bodyAsText ?? "");
    } catch {
      throw new TokenRefused(`POST ${origin}${path} answered what is not JSON`);
    }
  }

  /** Set when the token endpoint did not answer (or failed): reads fail with its error until then. */
  let unreachable: { error: LedgerError; until: number } | undefined;

  function getRefreshToken(): Promise<Grant> {
    if (!refresh) {
      const current = ++generation;
      const exchange = (async () => {
        const aad = await connection.credential.getToken(scopeFor(connection.acrAudience));
        if (!aad) throw new LedgerError("azure", `no Entra ID token for ${connection.acrAudience}`);
        const answer = parseAnswer(
          RefreshAnswer,
          await post("/oauth2/exchange", { grant_type: "access_token", service, access_token: aad.token }),
        );
        return { token: answer.refresh_token, usableUntil: usableUntil(answer.refresh_token), generation: current };
      })();
      refresh = exchange;
      // Only this exchange is forgotten: a newer one may have replaced it meanwhile.
      exchange.catch(() => {
        if (refresh === exchange) refresh = undefined;
      });
    }
    const asked = refresh;
    return asked.then((grant) => {
      if (grant.usableUntil > Date.now()) return grant;
      if (refresh === asked) refresh = undefined;
      return getRefreshToken();
    });
  }

  const usable = (key: string): Grant | undefined => {
    const grant = granted.get(key);
    return grant && grant.usableUntil > Date.now() ? grant : undefined;
  };

  /** `key` and the expected repositories after it that hold no token, up to a token's worth. */
  function runFrom(key: string): string[] {
    const run = [key];
    const place = expected.get(key);
    if (!place) return run;
    for (let i = place.index + 1; i < place.names.length && run.length < SCOPES_PER_TOKEN; i++) {
      const name = place.names[i];
      if (!usable(name) && !pending.has(name) && (refusals.get(name) ?? 0) < MAX_REFUSALS) run.push(name);
    }
    return run;
  }

  async function grant(keys: string[]): Promise<Grant> {
    const refreshToken = await getRefreshToken();
    let answer: z.infer<typeof AccessAnswer>;
    try {
      answer = parseAnswer(
        AccessAnswer,
        await post("/oauth2/token", {
          grant_type: "refresh_token",
          service,
          scope: keys.map(scopeOf).join(" "),
          refresh_token: refreshToken.token,
        }),
      );
    } catch (error) {
      // Perhaps its refresh token was refused: the next run exchanges again, unless a newer one replaced it.
      if (refreshToken.generation === generation) refresh = undefined;
      throw error;
    }
    return {
      token: answer.access_token,
      usableUntil: usableUntil(answer.access_token),
      generation: refreshToken.generation,
    };
  }

  return {
    /** The repositories about to be read, in the order they will be: their tokens are asked for in runs. */
    expect(names: readonly string[]): void {
      names.forEach((name, index) => expected.set(name, { names, index }));
    },

    /**
     * A token for `key`'s reads, or undefined when the SDK's own challenge is to ask (the repository's
     * tokens were refused, or the token endpoint failed: its error then shows on the read itself).
     */
    async tokenFor(key: string): Promise<string | undefined> {
      if ((refusals.get(key) ?? 0) >= MAX_REFUSALS) return undefined;
      const held = usable(key);
      if (held) return held.token;
      if (unreachable && unreachable.until > Date.now()) throw unreachable.error;
      let waiting = pending.get(key);
      if (!waiting) {
        const keys = runFrom(key);
        waiting = grant(keys).then(
          (g) => {
            for (const k of keys) granted.set(k, g);
            return g;
          },
          (error: unknown) => {
            if (error instanceof TokenRefused) return undefined;
            if (scopeSignal()?.aborted) throw error; // the sync's deadline: nothing to remember
            // No answer, or a server error past the retries: the registry is unreachable, and the
            // SDK's challenge would meet the same. The reads fail with this error (not retried
            // again by the SDK: it is no network error of theirs).
            const failed = new LedgerError(
              "azure",
              `ACR token request failed: ${describeError(error).split("\n")[0]}`,
              {
                cause: error,
              },
            );
            unreachable = { error: failed, until: Date.now() + UNREACHABLE_MS };
            throw failed;
          },
        );
        for (const k of keys) pending.set(k, waiting);
        void waiting
          .finally(() => keys.forEach((k) => pending.get(k) === waiting && pending.delete(k)))
          .catch(() => undefined); // its callers get the error
      }
      return (await waiting)?.token;
    },

    /** A request with `key`'s token was answered (not refused): earlier refusals no longer count. */
    accepted<T>(key: string, response: T): T {
      if (refusals.size > 0) refusals.delete(key);
      return response;
    },

    /**
     * The registry refused `token` for `key`. A revocation takes every token of a refresh token, so
     * none of them is used again, nor the refresh token itself. (Only the first refusal does so:
     * requests sent with the same tokens meanwhile find them gone.)
     */
    refused(key: string, token: string): void {
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
      const refusedGeneration = [...granted.values()].find((g) => g.token === token)?.generation;
      if (refusedGeneration === undefined) return;
      for (const [k, g] of granted) if (g.generation === refusedGeneration) granted.delete(k);
      if (refusedGeneration === generation) refresh = undefined;
    },
  };
}

/**
 * The scope a data-plane request needs, by its path: the catalog, or the repository it names
 * (`/acr/v1/<name>[/_tags|/_manifests[/<ref>]]`, `/v2/<name>/manifests/<ref>`; the name may arrive
 * percent-encoded). Undefined for anything else (the SDK's own token requests among them).
 */
export function scopeKeyOf(pathname: string): string | undefined {
  if (pathname === "/acr/v1/_catalog") return CATALOG;
  const name =
    /^\/acr\/v1\/(.+?)(?:\/_(?:tags|manifests)(?:\/[^/]*)?)?$/.exec(pathname)?.[1] ??
    /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(pathname)?.[1];
  if (name === undefined) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}

/**
 * Puts the registry's token for what each request reads on it, whichever repository that is, so
 * one SDK client serves a whole registry. It runs after the SDK's bearer policy and replaces any
 * token the SDK set. A refused token is dropped and the request sent once more with a new one;
 * refused again, the 401 goes back to the SDK, whose challenge handling answers it with a token of
 * its own, and that repository is left to the SDK's tokens from then on.
 */
export function registryTokenPolicy(tokens: RegistryTokens): PipelinePolicy {
  const sendWith = (request: PipelineRequest, next: SendRequest, token: string) => {
    request.headers.set("Authorization", `Bearer ${token}`);
    return next(request);
  };
  return {
    name: "registryLedgerAcrTokens",
    async sendRequest(request, next) {
      const key = scopeKeyOf(new URL(request.url).pathname);
      const token = key === undefined ? undefined : await tokens.tokenFor(key);
      if (key === undefined || !token) return next(request);
      const response = await sendWith(request, next, token);
      if (response.status !== 401) return tokens.accepted(key, response);
      tokens.refused(key, token);
      const again = await tokens.tokenFor(key);
      if (!again || again === token) return response;
      const retried = await sendWith(request, next, again);
      if (retried.status !== 401) return tokens.accepted(key, retried);
      tokens.refused(key, again);
      return retried;
    },
  };
}
