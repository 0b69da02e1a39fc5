import { describe, expect, it } from "vitest";
import { PortLedger } from "./ledger";
import { RttEstimator } from "./rtt";
import { retryPlan, SILENT_HOST_RETRIES, spreadOrder } from "./sweep";

describe("the scan's order, retries and ledger", () => {
  it("covers the range evenly from the first probes, and every port once", () => {
    const order = [...spreadOrder(64535, 65535)];
    expect(order.slice(0, 4)).toEqual([64535, 64567, 64599, 64631]);
    expect(new Set(order).size).toBe(1001);
    expect(Math.max(...order.slice(0, 32))).toBeGreaterThan(65500);
  });

  it("retries everything silent on a host that answered elsewhere, a spread sample on a silent host", () => {
    const silent = Array.from({ length: 1001 }, (_, i) => 64535 + i);
    expect(retryPlan(silent.slice(0, 500), true)).toEqual({ first: silent.slice(0, 500), ifAnyAnswers: [] });
    const plan = retryPlan(silent, false);
    expect(plan.first).toHaveLength(SILENT_HOST_RETRIES);
    expect(plan.first[0]).toBe(64535);
    expect(plan.first.at(-1)).toBeGreaterThan(65400);
    expect(plan.first.length + plan.ifAnyAnswers.length).toBe(1001);
  });

  it("keeps one byte per port and gives runs and counts of what was observed", () => {
    const ledger = new PortLedger({ from: 10, to: 15 });
    ledger.record(10, { state: "closed", reason: "conn-refused" });
    ledger.record(11, { state: "closed", reason: "conn-refused" });
    ledger.record(12, { state: "filtered", reason: "no-response" });
    ledger.record(14, { state: "open", reason: "syn-ack" });
    expect(ledger.runs()).toEqual([
      { from: 10, to: 11, state: "closed", reason: "conn-refused" },
      { from: 12, to: 12, state: "filtered", reason: "no-response" },
      { from: 14, to: 14, state: "open", reason: "syn-ack" },
    ]);
    expect(ledger.counts()).toEqual({ open: 1, closed: 2, filtered: 1 });
    expect(ledger.silent()).toEqual([12]);
  });

  it("estimates timeouts as nmap does: RFC 6298's first timeout (3R) from the SSH connect, then smoothed RTT plus four deviations", () => {
    const rtt = new RttEstimator(1500, 100);
    expect(rtt.timeoutMs()).toBe(300);
    for (let i = 0; i < 20; i++) rtt.observe(30);
    expect(rtt.timeoutMs()).toBe(100);
    for (let i = 0; i < 20; i++) rtt.observe(i % 2 ? 200 : 600);
    expect(rtt.timeoutMs()).toBeGreaterThan(600);
    expect(new RttEstimator(1500, null).timeoutMs()).toBe(1500);
    expect(new RttEstimator(1500, 2000).timeoutMs()).toBe(1500);
  });

  it("paces a silent host's first pass by the fleet, but believes silence only at its own patience", () => {
    // A connect 6x slower than the fleet's nearest: more likely our busy event loop than the path.
    const lagged = new RttEstimator(1500, 300, 50);
    expect(lagged.timeoutMs()).toBe(150);
    expect(lagged.patientTimeoutMs()).toBe(900);
    // A host nearer than the fleet keeps its own, shorter measurement.
    expect(new RttEstimator(1500, 10, 50).timeoutMs()).toBe(100);
    expect(new RttEstimator(1500, 100, 50).patientTimeoutMs()).toBe(300);
    // Without its own measurement, silence waits the ceiling; once it answers, answers rule both.
    expect(new RttEstimator(1500, null, 50).patientTimeoutMs()).toBe(1500);
    lagged.observe(400);
    expect(lagged.timeoutMs()).toBe(1200);
    expect(lagged.patientTimeoutMs()).toBe(1200);
  });
});
