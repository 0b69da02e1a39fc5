import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const nodeIo = [
  "fs",
  "node:fs",
  "fs/promises",
  "node:fs/promises",
  "net",
  "node:net",
  "child_process",
  "node:child_process",
  "http",
  "node:http",
  "https",
  "node:https",
  "dgram",
  "node:dgram",
];
const noSsh2 = { name: "ssh2", message: "Only lib/ssh may import ssh2." };
const pure = [noSsh2.name, ...nodeIo].map((name) => ({ name, message: "lib/diagnose and lib/report are pure: no I/O." }));

/**
 * The data flows one way: each lib/ folder imports only from folders of a lower rank (README, "Layout").
 * Folders of one rank stand side by side and do not import each other either.
 */
const LAYERS = [
  ["common"],
  ["inventory"],
  ["ssh"],
  ["collect", "probe"],
  ["diagnose"],
  ["report"],
  ["store", "engine"],
  ["api"],
  ["server", "queries", "views"],
];
const rank = (folder) => LAYERS.findIndex((layer) => layer.includes(folder));
const folderPatterns = (folder) =>
  ["..", "../.."]
    .flatMap((up) => [`${up}/${folder}`, `${up}/${folder}/*`, `${up}/${folder}/**`])
    .concat([`@/lib/${folder}`, `@/lib/${folder}/**`]);

const layering = LAYERS.flat().map((folder) => {
  const later = LAYERS.flat().filter((other) => other !== folder && rank(other) >= rank(folder));
  const paths = folder === "ssh" ? [] : folder === "diagnose" || folder === "report" ? pure : [noSsh2];
  return {
    files: [`lib/${folder}/**/*.{ts,tsx}`],
    ignores: ["**/*.test.ts", "**/test-*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths,
          patterns: [
            {
              group: later.flatMap(folderPatterns),
              message: `lib/${folder} may import only from folders before it (${
                LAYERS.flat()
                  .filter((o) => rank(o) < rank(folder))
                  .join(", ") || "none"
              }).`,
            },
          ],
        },
      ],
      ...(folder === "diagnose" || folder === "report" ? { "no-restricted-globals": ["error", "fetch", "process"] } : {}),
    },
  };
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**"]),
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { paths: [noSsh2] }] },
  },
  ...layering,
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
      // Prettier wraps code at 140; strings and comments it cannot wrap are held to the same width here.
      "max-len": ["error", { code: 140, ignoreUrls: true }],
      "no-restricted-properties": [
        "error",
        { object: "it", property: "only" },
        { object: "describe", property: "only" },
        { object: "test", property: "only" },
        { object: "it", property: "skip" },
        { object: "describe", property: "skip" },
        { object: "test", property: "skip" },
      ],
    },
  },
]);
