import { describe, expect, it } from "vitest";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const ENV = { SSH_AUTH_SOCK: "/agent" };
const inventory = (address: string) => `ssh:\n  user: u\nnomad:\n  address: ${address}\nclients: []\n`;

describe("nomad.address", () => {
  it("refuses http:// to anything but loopback, naming the file, the line and the field", () => {
    for (const address of ["http://nomad.internal:4646", "http://10.0.0.5:4646", "http://[fd00::1]:4646", "http://127.evil.example"]) {
      expect(problemsOf(inventory(address), "/etc/rd/fleet.yaml", ENV)).toEqual([
        expect.stringMatching(/^fleet\.yaml:4: nomad\.address: must be https:\/\/.*loopback/),
      ]);
    }
  });

  it("keeps https:// anywhere and http:// on 127.0.0.0/8, ::1 and localhost", () => {
    for (const address of ["https://nomad.internal:4646", "http://127.0.0.1:4646", "http://127.8.9.10:4646", "http://[::1]:4646"]) {
      expect(parseInventory(inventory(address), "/fleet.yaml", ENV).nomad?.address).toBe(address);
    }
    expect(parseInventory(inventory("http://localhost:4646"), "/fleet.yaml", ENV).nomad?.address).toBe("http://localhost:4646");
  });
});
