import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests call route handlers directly: "@/" as in tsconfig, and server-only as it resolves on the server.
const unitAlias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
};

// unit: pure and in-process tests; integration: needs the lab up (see .ci/test.sh);
// lifecycle: brings the lab up and down itself, so it runs alone; load: saturates the machine,
// so it runs alone too, after everything that could be slowed by it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          alias: unitAlias,
          include: ["lib/**/*.test.ts", "bin/**/*.test.ts", "lab/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.lifecycle.test.ts", "**/*.load.test.ts", "node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          // Bounds against a hang, never a speed: a squeezed two-core machine runs these many times slower.
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "load",
          include: ["**/*.load.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 900_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "lifecycle",
          include: ["lab/**/*.lifecycle.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
