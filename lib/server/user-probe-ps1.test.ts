import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { Language, Parser, type Node } from "web-tree-sitter";
import { oneLiners, ps1Script, userProbeBase } from "./user-probe-script";

// No PowerShell runtime can be installed on this machine (issue 14): the script is checked against
// the tree-sitter PowerShell grammar instead, for syntax and for the commands it calls.
const require = createRequire(import.meta.url);
const BASE = userProbeBase("https://doctor.example.com", "A".repeat(43));
/** Everything the script may call: it reads targets, connects, and posts results, nothing else. */
const ALLOWED_COMMANDS = [
  "ConvertTo-Json",
  "ForEach-Object",
  "Group-Object",
  "Invoke-RestMethod",
  "New-Object",
  "Out-Null",
  "Where-Object",
  "Write-Host",
];

let parser: Parser;
beforeAll(async () => {
  await Parser.init();
  parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm")));
});

function nodes(root: Node, keep: (n: Node) => boolean): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (keep(n)) out.push(n);
    for (const child of n.children) if (child) walk(child);
  };
  walk(root);
  return out;
}

const syntaxErrors = (text: string) =>
  nodes(parser.parse(text)!.rootNode, (n) => n.isError || n.isMissing).map((n) => `${n.startPosition.row + 1}: ${n.text.slice(0, 40)}`);

describe("the PowerShell user probe, read by a PowerShell grammar", () => {
  it("parses without an error, and so do its one-liners", () => {
    expect(syntaxErrors(ps1Script(BASE))).toEqual([]);
    const lines = oneLiners(BASE);
    expect(syntaxErrors(lines.ps1)).toEqual([]);
    expect(syntaxErrors(lines.ps1ReadFirst)).toEqual([]);
  });

  it("would catch a broken script: one brace removed is an error", () => {
    const broken = ps1Script(BASE).replace("foreach ($p in $batch) {", "foreach ($p in $batch) ");
    expect(syntaxErrors(broken).length).toBeGreaterThan(0);
  });

  it("calls only the commands it needs, and reaches only the dashboard's own URL", () => {
    const root = parser.parse(ps1Script(BASE))!.rootNode;
    const commands = new Set(nodes(root, (n) => n.type === "command_name").map((n) => n.text));
    expect([...commands].sort()).toEqual(ALLOWED_COMMANDS);
    const urls = nodes(root, (n) => /string_literal/.test(n.type) && /https?:/.test(n.text)).map((n) => n.text);
    expect(urls).toEqual([`'${BASE}'`]);
  });
});
