// Client components reach the browser bundle: nothing of Node (fs, net, ssh2, SQLite) may come with them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");

function clientModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return clientModules(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") && readFileSync(path, "utf8").startsWith('"use client"') ? [path] : [];
  });
}

describe("client components", () => {
  const files = [...clientModules(join(ROOT, "components")), ...clientModules(join(ROOT, "app"))];

  it.each(files.map((f) => relative(ROOT, f)))("%s bundles for the browser without a Node module", async (file) => {
    const result = await build({
      entryPoints: [join(ROOT, file)],
      bundle: true,
      platform: "browser",
      write: false,
      logLevel: "silent",
      jsx: "automatic",
      alias: { "@": ROOT },
      external: ["react", "react-dom", "next", "next/*", "@tanstack/*", "zod"],
      // Server actions cross to the server by reference, never by code.
      plugins: [
        {
          name: "server-actions",
          setup: (b) => b.onResolve({ filter: /\/app\/(?:[a-z-]+-)?actions$/ }, (a) => ({ path: a.path, external: true })),
        },
      ],
    }).catch((error: { errors: { text: string }[] }) => error);
    expect("errors" in result ? result.errors.map((e) => e.text) : []).toEqual([]);
  });
});
