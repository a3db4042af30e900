// Small HTTP helpers shared by the ARM and data-plane handlers.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface ParsedUrl {
  /** Raw (still percent-encoded) path: repository names keep their %2F here. */
  path: string;
  query: URLSearchParams;
}

export function parseUrl(rawUrl: string | undefined): ParsedUrl {
  const url = rawUrl ?? "/";
  const q = url.indexOf("?");
  return q < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function positiveInt(value: string | null, fallback: number, max: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}
