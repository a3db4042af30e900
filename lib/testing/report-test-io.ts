/** Runs a report the two ways users do (HTTP route and CLI) and captures the bytes, for tests. */
import { Writable } from "node:stream";
import { GET } from "@/app/api/reports/[name]/route";
import { runReportCli } from "../reports/cli";

function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export async function viaRoute(path: string) {
  const url = new URL(path, "http://localhost");
  const name = url.pathname.split("/").at(-1) ?? "";
  const response = await GET(new Request(url), { params: Promise.resolve({ name }) });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

export async function viaCli(argv: string[]) {
  const out = collector();
  const err = collector();
  const code = await runReportCli(argv, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
