import { problemsOf } from "./test-problems";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeNomad, type FakeNomad, type FakeNomadNode } from "../../lab/nomad-api-server";
import { resolveTargets } from "./discover";
import { parseInventory } from "./load";

const fakes: FakeNomad[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

function node(n: number, overrides: Partial<FakeNomadNode> = {}): FakeNomadNode {
  return {
    ID: `0000000${n}-4d6e-c0de-26d0-e383c49be941`,
    Name: `nomad-${n}`,
    Address: `198.51.100.${10 + n}`,
    Status: "ready",
    Drain: false,
    SchedulingEligibility: "eligible",
    Attributes: {
      "unique.platform.aws.public-ipv4": `198.51.100.${140 + n}`,
      "unique.platform.aws.local-ipv4": `198.51.100.${10 + n}`,
      "unique.platform.aws.instance-id": `i-0${n}`,
      "unique.network.ip-address": `198.51.100.${10 + n}`,
    },
    ...overrides,
  };
}

function inventory(address: string, extra = "") {
  const text =
    `ssh:\n  user: ubuntu\nnomad:\n  address: ${address}\n  tokenEnv: NOMAD_TOKEN\n${extra}clients:\n  - { name: static-1, ` +
    `host: 198.51.100.11 }\n`;
  return parseInventory(text, "/fleet.yaml", { SSH_AUTH_SOCK: "/agent", NOMAD_TOKEN: "secret-acl" });
}

describe("Nomad discovery against an HTTP server with Nomad's API shapes", () => {
  it("pages through /v1/nodes, reads each node, and inspects only ready, eligible, undrained nodes", async () => {
    const fake = await startFakeNomad({
      token: "secret-acl",
      pageSize: 2,
      nodes: [
        node(1),
        node(2, { Drain: true }),
        node(3, { Status: "down" }),
        node(4, { SchedulingEligibility: "ineligible" }),
        node(5, { Name: "static-1" }),
        node(6, { Address: "$(reboot)" }),
      ],
    });
    fakes.push(fake);
    const { targets, nomad } = await resolveTargets(inventory(fake.address), { NOMAD_TOKEN: "secret-acl" });
    expect(fake.requests.filter((r) => r.startsWith("GET /v1/nodes"))).toHaveLength(3);
    expect(nomad?.error).toBeNull();
    expect(targets.map((t) => [t.name, t.host, t.source])).toEqual([
      ["static-1", "198.51.100.11", "inventory"],
      ["static-1-00000005", "198.51.100.15", "nomad"],
    ]);
    expect(targets[0]!.nomad).toMatchObject({ name: "nomad-1", publicIpv4: "198.51.100.141", instanceId: "i-01" });
    expect(Object.fromEntries(nomad!.nodes.map((n) => [n.name, n.skipped]))).toEqual({
      "nomad-1": null,
      "nomad-2": "node is draining",
      "nomad-3": "node is down",
      "nomad-4": "node is ineligible for scheduling",
      "static-1": null,
      "nomad-6": 'Nomad reports an address that is not a host ("$(reboot)")',
    });
    expect(nomad!.nodes.find((n) => n.name === "nomad-1")?.inventoryName).toBe("static-1");
  });

  it("reports a 403 clearly and still runs the inventory's clients", async () => {
    const fake = await startFakeNomad({ token: "the-right-one", nodes: [node(1)] });
    fakes.push(fake);
    const { targets, nomad } = await resolveTargets(inventory(fake.address), { NOMAD_TOKEN: "secret-acl" });
    expect(nomad?.error).toMatch(/answered 403 to \/v1\/nodes: the ACL token in \$NOMAD_TOKEN lacks node:read/);
    expect(targets.map((t) => t.name)).toEqual(["static-1"]);
  });

  it("reports an unreachable Nomad and still runs the inventory's clients", async () => {
    const fake = await startFakeNomad({ nodes: [] });
    await fake.close();
    const { targets, nomad } = await resolveTargets(inventory(fake.address), { NOMAD_TOKEN: "secret-acl" });
    expect(nomad?.error).toMatch(/did not answer \/v1\/nodes/);
    expect(targets).toHaveLength(1);
  });

  it("checks the nomad section of the inventory: URL, token variable, CA file", () => {
    const env = { SSH_AUTH_SOCK: "/a" };
    expect(problemsOf("ssh:\n  user: u\nnomad:\n  address: nomad.internal\n", "/fleet.yaml", env)).toEqual([
      expect.stringMatching(/^fleet\.yaml:4: nomad\.address/),
    ]);
    expect(problemsOf("ssh:\n  user: u\nnomad:\n  address: https://n:4646\n  tokenEnv: MISSING\n", "/fleet.yaml", env)).toEqual([
      "fleet.yaml:5: nomad.tokenEnv: environment variable MISSING is not set",
    ]);
    expect(problemsOf("ssh:\n  user: u\nnomad:\n  address: https://n:4646\n  caFile: /nope/ca.pem\n", "/fleet.yaml", env)).toEqual([
      expect.stringMatching(/nomad\.caFile: \/nope\/ca\.pem does not exist/),
    ]);
  });
});

describe("Nomad discovery over TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "rd-nomad-tls-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });

  /** A private CA and a server certificate for 127.0.0.1 signed by it, as an admin's Nomad PKI would have. */
  function pki(): { key: Buffer; cert: Buffer; ca: string } {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "1",
      "-subj",
      "/CN=test-nomad-ca",
    );
    openssl(
      "req",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=server.global.nomad",
    );
    writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "1",
      "-extfile",
      "san.ext",
    );
    return { key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")), ca: join(dir, "ca.pem") };
  }

  it("trusts Nomad's certificate through nomad.caFile, and says so clearly without it", async () => {
    const { key, cert, ca } = pki();
    const fake = await startFakeNomad({ nodes: [node(1)], tls: { key, cert } });
    fakes.push(fake);
    const env = { SSH_AUTH_SOCK: "/agent" };
    const withCa = parseInventory(
      `ssh:\n  user: u\nnomad:\n  address: ${fake.address}\n  caFile: ${ca}\nclients: []\n`,
      "/fleet.yaml",
      env,
    );
    const found = await resolveTargets(withCa, env);
    expect([found.nomad?.error, found.targets.map((t) => t.name)]).toEqual([null, ["nomad-1"]]);
    const withoutCa = parseInventory(`ssh:\n  user: u\nnomad:\n  address: ${fake.address}\nclients: []\n`, "/fleet.yaml", env);
    expect((await resolveTargets(withoutCa, env)).nomad?.error).toMatch(/did not answer \/v1\/nodes: .*(self[- ]signed|certificate)/i);
  });
});
