// The shape the code keeps: typescript-eslint, React hooks, accessibility, Next's own rules, and
// the layering between concepts and infrastructure (README "Architecture").
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const CONCEPTS = [
  "storage",
  "costs",
  "findings",
  "chargeback",
  "stale",
  "in-use",
  "image-size",
  "storage-history",
  "audit",
  "forecast",
  "budgets",
  "anomalies",
  "alerts",
];
const INFRASTRUCTURE = ["db", "database", "azure", "sync", "jobs", "simulator", "generated", "verify"];

/** Production code under lib/ serves app/ and components/, never the other way round. */
const libNeverImportsUi = {
  regex: String.raw`^(@/|(\.\./)+)(app|components)(/|$)`,
  message: "lib/ never imports app/ or components/: move the shared piece into lib/.",
};

/** A concept's pure rules run anywhere (tests, CLIs, the browser): no database, Azure, Next or env. */
const pureRootRestrictions = [
  libNeverImportsUi,
  {
    regex: String.raw`^(@/lib/|(\.\./)+|\./)(${INFRASTRUCTURE.join("|")}|env)(/|$)`,
    message:
      "A concept's pure root never touches the database, Azure, the sync or the environment: put this in its server/ folder.",
  },
  {
    regex: String.raw`(^|/)server(/|$)`,
    message: "A concept's pure root never imports server code: put this in its server/ folder.",
  },
  {
    regex: String.raw`^(next|next/.*|server-only|pg|@prisma/.*|@azure/.*)$`,
    message: "A concept's pure root never imports Next, the database driver or Azure SDKs.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".tools/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    // Test helpers named use* (useTestDatabase) are vitest fixtures, not React hooks.
    ignores: ["**/*.test.ts"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    // Tests may drive a route handler end to end; production code may not reach upwards.
    ignores: ["**/*.test.ts", "lib/testing/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [libNeverImportsUi] }] },
  },
  {
    files: CONCEPTS.map((concept) => `lib/${concept}/*.ts`),
    // Reports print what server/ reads; integration tests run against the database.
    ignores: ["**/*-report.ts", "**/*.integration.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: pureRootRestrictions }] },
  },
  prettier,
);
