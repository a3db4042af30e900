// Word lists that make generated names look like a real organisation's estate.

export const TEAMS = [
  "platform",
  "payments",
  "identity",
  "search",
  "checkout",
  "data",
  "ml",
  "mobile",
  "growth",
  "security",
  "observability",
  "logistics",
] as const;

export const APPS = [
  "api",
  "web",
  "worker",
  "gateway",
  "scheduler",
  "ingest",
  "notifier",
  "auth",
  "frontend",
  "billing",
  "ledger",
  "indexer",
  "exporter",
  "migrator",
  "proxy",
  "cron",
  "reports",
  "events",
  "sync",
  "admin",
  "cache",
  "router",
  "feed",
  "profile",
  "inventory",
  "pricing",
] as const;

export const TOOLS = ["ci-runner", "helm-tools", "db-migrate", "load-test", "debug-shell", "terraform"] as const;

export const BASE_IMAGES = [
  { name: "base/debian", layers: [31_400_000, 2_100_000], multiArch: true },
  { name: "base/alpine", layers: [3_400_000], multiArch: true },
  { name: "base/node", layers: [31_400_000, 4_200_000, 42_700_000, 2_900_000], multiArch: true },
  { name: "base/python", layers: [31_400_000, 3_600_000, 18_200_000, 12_400_000], multiArch: true },
  { name: "base/dotnet-aspnet", layers: [31_400_000, 17_800_000, 33_100_000], multiArch: false },
  { name: "base/distroless-java", layers: [1_900_000, 64_200_000, 41_000_000], multiArch: false },
] as const;

export const LOCATIONS = [
  "westeurope",
  "northeurope",
  "eastus",
  "eastus2",
  "westus2",
  "uksouth",
  "southeastasia",
  "australiaeast",
] as const;

export const FEATURE_WORDS = [
  "login",
  "retry",
  "cache",
  "metrics",
  "otel",
  "refactor",
  "bump-deps",
  "dark-mode",
  "perf",
  "hotfix",
  "rate-limit",
  "audit",
  "export",
  "i18n",
] as const;

export const SUBSCRIPTION_NAMES = [
  "Contoso Production",
  "Contoso Non-Production",
  "Contoso Shared Services",
  "Contoso Sandbox",
] as const;
