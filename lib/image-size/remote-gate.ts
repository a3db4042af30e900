/**
 * The size gate asked of a running instance (GET <url>/api/gate), for pipelines that cannot reach
 * its database: the same verdict object as a local run, or a LedgerError with the server's message.
 */
import { z } from "zod";
import { LedgerError, type LedgerErrorCode } from "../errors";
import type { GateVerdict } from "./gate";

const verdictSchema = z.looseObject({ verdict: z.enum(["pass", "fail"]), message: z.string() });
const errorSchema = z.object({ message: z.string() });

const CODE_BY_STATUS: Record<number, LedgerErrorCode> = {
  400: "validation",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  422: "validation",
  503: "unavailable",
};

export async function remoteGate(
  baseUrl: string,
  input: { image: string; maxGrowth?: string; baseline?: string },
  token: string | undefined,
): Promise<GateVerdict> {
  const url = new URL("/api/gate", baseUrl);
  for (const [name, value] of Object.entries(input)) if (value !== undefined) url.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new LedgerError("unavailable", `cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? error}`, {
      cause: error,
    });
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const verdict = verdictSchema.safeParse(body);
    if (verdict.success) return verdict.data as GateVerdict;
    throw new LedgerError("internal", `${url.origin} answered with no gate verdict (is it Registry Ledger?)`);
  }
  const message = errorSchema.safeParse(body).data?.message ?? response.statusText;
  const hint = response.status === 401 ? " (send a token: --token or REGISTRY_LEDGER_TOKEN)" : "";
  throw new LedgerError(
    CODE_BY_STATUS[response.status] ?? "internal",
    `${url.origin} answered ${response.status}: ${message}${hint}`,
  );
}
