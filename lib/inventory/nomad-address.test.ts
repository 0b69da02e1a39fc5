import { describe, expect, it } from "vitest";
import { resolveTargets } from "./discover";
import { parseInventory } from "./load";

const ENV = { SSH_AUTH_SOCK: "/agent" };
const inventory = (address: string) => `ssh:\n  user: u\nnomad:\n  address: ${address}\nclients:\n  - name: a\n    host: 10.0.0.9\n`;

describe("nomad.address", () => {
  it("refuses discovery over http:// to anything but loopback, without a request, and keeps the static clients", async () => {
    for (const address of ["http://nomad.invalid:4646", "http://10.0.0.5:4646", "http://[fd00::1]:4646", "http://127.evil.invalid"]) {
      const parsed = parseInventory(inventory(address), "/etc/rd/fleet.yaml", ENV);
      expect(parsed.warnings).toEqual([
        expect.stringMatching(/^fleet\.yaml:4: nomad\.address: discovery refused: .*cleartext.*https:\/\//),
      ]);
      const { targets, nomad } = await resolveTargets(parsed, ENV, undefined, { requestMs: 1, deadlineMs: 1 });
      expect(targets.map((t) => t.name)).toEqual(["a"]);
      expect(nomad).toEqual({ address, error: expect.stringMatching(/^discovery refused: .*cleartext/), nodes: [] });
    }
  });

  it("keeps https:// anywhere and http:// on 127.0.0.0/8, ::1 and localhost", () => {
    for (const address of [
      "https://nomad.internal:4646",
      "http://127.0.0.1:4646",
      "http://127.8.9.10:4646",
      "http://[::1]:4646",
      "http://localhost:4646",
    ]) {
      const parsed = parseInventory(inventory(address), "/fleet.yaml", ENV);
      expect(parsed.nomad?.address).toBe(address);
      expect(parsed.warnings).toEqual([]);
    }
  });
});
