import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planClients } from "./plan";
import { keyTypeAndBlob, renderInventory, renderKnownHosts, renderSshdConfig } from "./render";
import { selectScenarios } from "./scenarios";

const clients = planClients(selectScenarios(["healthy-imdsv1", "no-public-ip"]), 1, "/tmp/lab");
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHEfecPDvb3FNgc9wO7kJOghL7PkiSsPZ4lZh4BnAZI1";

describe("renderInventory", () => {
  it("writes the contract's format with the lab's probe allowance", () => {
    const doc = parse(renderInventory(clients, { identityFile: "/tmp/lab/id_ed25519", knownHostsFile: "/tmp/lab/known_hosts" }));
    expect(doc).toEqual({
      ssh: { user: "root", identityFile: "/tmp/lab/id_ed25519", knownHostsFile: "/tmp/lab/known_hosts", hostKeyPolicy: "strict" },
      rerun: { ports: "64535-65535" },
      probe: { allowCidrs: ["198.51.100.128/25"] },
      users: { cidrs: ["10.10.200.0/24", "10.0.5.0/24"] },
      clients: [
        { name: "healthy-imdsv1", host: "198.51.100.2", port: 22 },
        { name: "no-public-ip", host: "198.51.100.3", port: 22 },
        { name: "healthy-001", host: "198.51.100.4", port: 22 },
      ],
    });
  });
});

describe("renderKnownHosts", () => {
  it("writes one plain line per address, without key comments", () => {
    const text = renderKnownHosts(clients, () => `${KEY} root@somewhere`);
    expect(text.split("\n")).toEqual([
      `198.51.100.2 ${KEY}`,
      `198.51.100.130 ${KEY}`,
      `198.51.100.3 ${KEY}`,
      `198.51.100.4 ${KEY}`,
      `198.51.100.132 ${KEY}`,
      "",
    ]);
  });
  it("rejects a line that is no key", () => {
    expect(() => keyTypeAndBlob("garbage")).toThrow(/not an OpenSSH public key/);
  });
});

describe("renderSshdConfig", () => {
  it("holds the settings the lab depends on", () => {
    const cfg = renderSshdConfig({ port: 64784, hostKey: "/k", authorizedKeysFile: "/a", pidFile: "/p" });
    for (const line of [
      "Port 64784",
      "ListenAddress 0.0.0.0",
      "HostKey /k",
      "AuthorizedKeysFile /a",
      "PidFile /p",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "LogLevel VERBOSE",
      "MaxStartups 100:30:200",
    ]) {
      expect(cfg.split("\n")).toContain(line);
    }
  });
});
