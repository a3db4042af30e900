import { describe, expect, it } from "vitest";
import { isLedgerError } from "./errors";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded database and the simulator when nothing is configured", () => {
    const env = parseEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.source).toBe("simulator");
    expect(env.port).toBe(3000);
    expect(env.azure.armEndpoint).toBe("https://management.azure.com");
    expect(env.azure.armAudience).toBe("https://management.azure.com");
    expect(env.sync.schedule).toBe("0 */6 * * *");
    expect(env.simulator.running).toBeUndefined();
    expect(env.mutableTags).toEqual(["latest", "prod", "stable", "release"]);
    expect(env.simulator.historyDays).toBe(180);
  });

  it("reads ACR's read limits per SKU (ACR's own by default, overridden by name, or off) and the budget's fraction", () => {
    expect(parseEnv({}).sync.readBudget).toEqual({
      perMinute: { Basic: 1000, Standard: 3000, Premium: 10000 },
      fraction: 0.9,
    });
    expect(
      parseEnv({ ACR_READ_LIMITS: "premium = 20000, Basic=500", ACR_READ_BUDGET_FRACTION: "1" }).sync.readBudget,
    ).toEqual({
      perMinute: { Basic: 500, Standard: 3000, Premium: 20000 },
      fraction: 1,
    });
    expect(parseEnv({ ACR_READ_LIMITS: "off" }).sync.readBudget).toBeNull();
    expect(parseEnv({}).simulator.readLimits).toBe(false);
    expect(parseEnv({ SIMULATOR_READ_LIMITS: "on" }).simulator.readLimits).toBe(true);
  });

  it("reads a transaction-mode pooler with its direct URL, and no pooler by default", () => {
    expect(parseEnv({}).databasePooler).toBe("none");
    const env = parseEnv({
      DATABASE_URL: "postgresql://u:p@db.postgres.database.azure.com:6432/ledger",
      DATABASE_DIRECT_URL: "postgresql://u:p@db.postgres.database.azure.com:5432/ledger",
      DATABASE_POOLER: "transaction",
    });
    expect(env.databasePooler).toBe("transaction");
    expect(env.databaseDirectUrl).toBe("postgresql://u:p@db.postgres.database.azure.com:5432/ledger");
  });

  it("reads the launcher's running simulator only when both its endpoint and CA file are set", () => {
    const env = parseEnv({
      REGISTRY_LEDGER_SIMULATOR_ENDPOINT: "https://localhost:4443/",
      REGISTRY_LEDGER_SIMULATOR_CA_FILE: "/tmp/ca.pem",
    });
    expect(env.simulator.running).toEqual({ armEndpoint: "https://localhost:4443", caFile: "/tmp/ca.pem" });
    expect(
      parseEnv({ REGISTRY_LEDGER_SIMULATOR_ENDPOINT: "https://localhost:4443" }).simulator.running,
    ).toBeUndefined();
  });

  it("reads the sync's deadline and the request timeout, 120 minutes and 60 s by default", () => {
    expect(parseEnv({}).sync.timeoutMinutes).toBe(120);
    expect(parseEnv({}).azure.requestTimeoutSeconds).toBe(60);
    const env = parseEnv({ SYNC_TIMEOUT_MINUTES: "30", AZURE_REQUEST_TIMEOUT_SECONDS: "15" });
    expect(env.sync.timeoutMinutes).toBe(30);
    expect(env.azure.requestTimeoutSeconds).toBe(15);
  });

  it("reads the mutable tag names and the simulator's history length", () => {
    const env = parseEnv({ REGISTRY_LEDGER_MUTABLE_TAGS: " prod, live ,", SIMULATOR_HISTORY_DAYS: "0" });
    expect(env.mutableTags).toEqual(["prod", "live"]);
    expect(env.simulator.historyDays).toBe(0);
  });

  it("reads the alert webhook and the budget thresholds, 80 % of forecast and 100 % of actual by default", () => {
    expect(parseEnv({}).alerts).toEqual({
      webhookUrl: undefined,
      budgetThresholds: [
        { basis: "forecast", percent: 80 },
        { basis: "actual", percent: 100 },
      ],
    });
    const env = parseEnv({
      REGISTRY_LEDGER_ALERT_WEBHOOK_URL: " http://127.0.0.1:9000/alerts ",
      REGISTRY_LEDGER_BUDGET_THRESHOLDS: "actual:50,actual:90",
    });
    expect(env.alerts.webhookUrl).toBe("http://127.0.0.1:9000/alerts");
    expect(env.alerts.budgetThresholds).toEqual([
      { basis: "actual", percent: 50 },
      { basis: "actual", percent: 90 },
    ]);
  });

  it("selects Azure when Azure is configured and derives audiences from a sovereign endpoint", () => {
    const env = parseEnv({
      AZURE_SUBSCRIPTION_IDS: "11111111-1111-1111-1111-111111111111, 22222222-2222-2222-2222-222222222222",
      AZURE_ARM_ENDPOINT: "https://management.usgovcloudapi.net/",
    });
    expect(env.source).toBe("azure");
    expect(env.azure.subscriptionIds).toHaveLength(2);
    expect(env.azure.armEndpoint).toBe("https://management.usgovcloudapi.net");
    expect(env.azure.armAudience).toBe("https://management.usgovcloudapi.net");
    expect(env.azure.acrAudience).toBe("https://management.usgovcloudapi.net");
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ AZURE_SUBSCRIPTION_IDS: "not-a-guid" }, "AZURE_SUBSCRIPTION_IDS"],
    [{ AZURE_ARM_ENDPOINT: "http://management.azure.com" }, "AZURE_ARM_ENDPOINT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DATABASE_POOLER: "session" }, "DATABASE_POOLER"],
    [{ DATABASE_POOLER: "transaction", DATABASE_URL: "postgresql://h:6432/db" }, "DATABASE_DIRECT_URL"],
    [{ DATABASE_DIRECT_URL: "mysql://x" }, "DATABASE_DIRECT_URL"],
    [{ REGISTRY_LEDGER_SOURCE: "aws" }, "REGISTRY_LEDGER_SOURCE"],
    [{ SYNC_SCHEDULE: "every hour" }, "SYNC_SCHEDULE"],
    [{ SYNC_SCHEDULE: "61 * * * *" }, "SYNC_SCHEDULE"],
    [{ REGISTRY_LEDGER_MUTABLE_TAGS: "prod,has space" }, "REGISTRY_LEDGER_MUTABLE_TAGS"],
    [{ REGISTRY_LEDGER_MUTABLE_TAGS: " , " }, "REGISTRY_LEDGER_MUTABLE_TAGS"],
    [{ SIMULATOR_HISTORY_DAYS: "-1" }, "SIMULATOR_HISTORY_DAYS"],
    [{ SIMULATOR_HISTORY_DAYS: "ten" }, "SIMULATOR_HISTORY_DAYS"],
    [{ SYNC_TIMEOUT_MINUTES: "0" }, "SYNC_TIMEOUT_MINUTES"],
    [{ ACR_READ_LIMITS: "Premium=lots" }, "ACR_READ_LIMITS"],
    [{ ACR_READ_LIMITS: "Classic=100" }, "ACR_READ_LIMITS"],
    [{ ACR_READ_BUDGET_FRACTION: "0" }, "ACR_READ_BUDGET_FRACTION"],
    [{ ACR_READ_BUDGET_FRACTION: "1.5" }, "ACR_READ_BUDGET_FRACTION"],
    [{ SIMULATOR_READ_LIMITS: "yes" }, "SIMULATOR_READ_LIMITS"],
    [{ SYNC_TIMEOUT_MINUTES: "1.5" }, "SYNC_TIMEOUT_MINUTES"],
    [{ AZURE_REQUEST_TIMEOUT_SECONDS: "never" }, "AZURE_REQUEST_TIMEOUT_SECONDS"],
    [{ AZURE_REQUEST_TIMEOUT_SECONDS: "3601" }, "AZURE_REQUEST_TIMEOUT_SECONDS"],
    [{ REGISTRY_LEDGER_ALERT_WEBHOOK_URL: "hooks.example.com" }, "REGISTRY_LEDGER_ALERT_WEBHOOK_URL"],
    [{ REGISTRY_LEDGER_ALERT_WEBHOOK_URL: "ftp://hooks.example.com/" }, "REGISTRY_LEDGER_ALERT_WEBHOOK_URL"],
    [{ REGISTRY_LEDGER_BUDGET_THRESHOLDS: "forecast:eighty" }, "REGISTRY_LEDGER_BUDGET_THRESHOLDS"],
  ])("rejects %j with a message naming the variable", (vars, name) => {
    try {
      parseEnv(vars);
      expect.unreachable();
    } catch (error) {
      expect(isLedgerError(error, "config")).toBe(true);
      expect((error as Error).message).toContain(name);
    }
  });
});

describe("parseEnv: sign-in and bearer tokens", () => {
  const oidc = {
    AUTH_MODE: "oidc",
    AUTH_OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0",
    AUTH_OIDC_CLIENT_ID: "client-id",
    AUTH_OIDC_CLIENT_SECRET: "client-secret",
    AUTH_SECRET: "x".repeat(32),
    AUTH_URL: "https://ledger.example.com/",
  };

  it("reads the oidc settings, with Graph at its public address unless AUTH_GRAPH_URL says otherwise", () => {
    const { auth } = parseEnv(oidc);
    expect(auth.oidc).toMatchObject({ url: "https://ledger.example.com", graphUrl: "https://graph.microsoft.com" });
    expect(auth.bearer).toEqual({ issuer: oidc.AUTH_OIDC_ISSUER, audience: "client-id" });
    const usGov = parseEnv({
      ...oidc,
      AUTH_GRAPH_URL: "https://graph.microsoft.us/",
      AUTH_API_AUDIENCE: "api://ledger",
    });
    expect(usGov.auth.oidc?.graphUrl).toBe("https://graph.microsoft.us");
    expect(usGov.auth.bearer?.audience).toBe("api://ledger");
  });

  it("names every variable oidc mode is missing, and a Graph address that is not a URL", () => {
    let message = "";
    try {
      parseEnv({ AUTH_MODE: "oidc", AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER });
    } catch (error) {
      expect(isLedgerError(error, "config")).toBe(true);
      message = (error as Error).message;
    }
    for (const name of ["AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET", "AUTH_SECRET", "AUTH_URL"])
      expect(message).toContain(`${name}: required with AUTH_MODE=oidc`);
    expect(() => parseEnv({ ...oidc, AUTH_GRAPH_URL: "graph" })).toThrow(/AUTH_GRAPH_URL/);
  });

  it("keeps REGISTRY_LEDGER_TOKEN for the CLIs that call a remote instance", () => {
    expect(parseEnv({ REGISTRY_LEDGER_TOKEN: " eyJ.token " }).remoteToken).toBe("eyJ.token");
    expect(parseEnv({}).remoteToken).toBeUndefined();
  });
});
