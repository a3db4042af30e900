// TLS material. The Azure SDKs refuse bearer tokens over plain HTTP, so the simulator makes
// its own CA at start and a server certificate for localhost/127.0.0.1 signed by it;
// clients trust the CA through `tlsOptions.ca` or NODE_EXTRA_CA_CERTS.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "selfsigned";
import { DAY_MS } from "../calendar";

export interface SimulatorCerts {
  caCertPem: string;
  caCertPath: string;
  serverKeyPem: string;
  serverCertPem: string;
}

export async function createCerts(certDir?: string): Promise<SimulatorCerts> {
  const dir = certDir ?? (await mkdtemp(path.join(tmpdir(), "acr-sim-")));
  await mkdir(dir, { recursive: true });
  // Real clock, not the simulated one: TLS validity is checked against the host's time.
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 365 * DAY_MS);
  const ca = await generate([{ name: "commonName", value: "Registry Ledger ACR Simulator CA" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  const caCertPath = path.join(dir, "acr-simulator-ca.pem");
  await writeFile(caCertPath, ca.cert);
  return { caCertPem: ca.cert, caCertPath, serverKeyPem: server.private, serverCertPem: server.cert };
}
