import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const nodeIo = ["fs", "node:fs", "fs/promises", "node:fs/promises", "net", "node:net", "child_process", "node:child_process", "http", "node:http", "https", "node:https", "dgram", "node:dgram"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // lib/ssh is the one gateway to ssh2.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/ssh/**"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "ssh2", message: "Only lib/ssh may import ssh2." }] }] },
  },
  {
    // Diagnosis and report rendering are pure: no I/O.
    files: ["lib/diagnose/**/*.ts", "lib/report/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: ["ssh2", ...nodeIo].map((name) => ({ name, message: "lib/diagnose and lib/report are pure." })) }],
      "no-restricted-globals": ["error", "fetch", "process"],
    },
  },
  {
    // Playwright fixtures take a `use` callback that is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // CommonJS launchers that load TypeScript through tsx.
    files: ["next.config.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "it", property: "only" }, { object: "describe", property: "only" }, { object: "test", property: "only" }, { object: "it", property: "skip" }, { object: "describe", property: "skip" }, { object: "test", property: "skip" }],
    },
  },
]);
