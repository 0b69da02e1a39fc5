import { BASE_SCENARIO as base } from "./scenario-base";
import { CANARY_IP } from "./addresses";
import type { Scenario } from "./types";

/** Terminal escapes, a bell, NUL and a non-UTF-8-looking byte: an admin's terminal and the browser must show them as data. */
export const BINARY_ANSI_OVERRIDE =
  '\x1b[2J\x1b[1;31mPWNED\x1b[0m\x07\x00\x01\xfe\x1b]0;rd-title\x07<img src=x onerror=alert("rd-ansi")>\n';
export const FLOOD_BYTES = 100 * 1024 * 1024;
export const HUGE_OVERRIDE_BYTES = 50 * 1024 * 1024;
/** Prints the start of a collect output, then kills the sshd process serving the session. */
export const DROP_COMMAND = "printf 'rd-begin 2\\ntool curl\\n'; yes x | head -c 20000; sleep 0.2; kill -9 $PPID";

/** Never ends, yet does not outlive its SSH session (a bare `sleep 600` would linger 10 minutes per run). */
export const HANG_COMMAND = "sleep 600 & s=$!; while kill -0 $PPID 2>/dev/null && kill -0 $s 2>/dev/null; do sleep 1; done; kill $s";

/** `lab up --hostile` adds these: clients that misbehave on purpose, one fault each. */
export const HOSTILE_SCENARIOS: readonly Scenario[] = [
  {
    ...base,
    name: "hostile-cmd-hangs",
    description: "sshd authenticates, then runs `sleep 600` whatever is asked (ForceCommand)",
    forceCommand: HANG_COMMAND,
    expect: { verdict: "unknown", codes: ["COLLECT_FAILED"] },
  },
  {
    ...base,
    name: "hostile-output-dropped",
    description: "prints part of an output, then kills its own SSH session (ForceCommand)",
    forceCommand: DROP_COMMAND,
    expect: { verdict: "unknown", codes: ["COLLECT_FAILED"] },
  },
  {
    ...base,
    name: "hostile-output-flood",
    description: "prints 100 MB whatever is asked (ForceCommand)",
    forceCommand: `yes rerun-doctor-flood | head -c ${FLOOD_BYTES}`,
    expect: { verdict: "unknown", codes: ["COLLECT_FAILED"] },
  },
  {
    ...base,
    name: "hostile-override-huge",
    description: "override file of 50 MB",
    override: { kind: "filler", bytes: HUGE_OVERRIDE_BYTES },
    expect: { verdict: "broken", codes: ["OVERRIDE_INVALID"] },
  },
  {
    ...base,
    name: "hostile-override-binary",
    description: "override of binary bytes with ANSI escape sequences and HTML",
    override: { kind: "text", text: BINARY_ANSI_OVERRIDE },
    expect: { verdict: "broken", codes: ["OVERRIDE_INVALID"] },
  },
  {
    ...base,
    name: "hostile-metadata-slow",
    description: "metadata answers every request after 3 s",
    imdsFault: "slow",
    expect: { verdict: "broken", codes: ["METADATA_UNREACHABLE", "ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "hostile-metadata-redirect",
    description: "metadata answers every request with HTTP 301",
    imdsFault: "redirect",
    expect: { verdict: "broken", codes: ["ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "hostile-fake-addresses",
    description: `claims the canary's private address (${CANARY_IP}) in its override, its interfaces and its metadata`,
    override: { kind: "text", text: `${CANARY_IP}\n` },
    fakeAddress: CANARY_IP,
    expect: { verdict: "degraded", codes: ["RERUN_PORTS_NOT_PROBED"] },
  },
  {
    ...base,
    name: "hostile-sshd-resets",
    description: "TCP 22 accepted, then reset at once (RST)",
    sshd: "reset",
    expect: { verdict: "unknown", codes: ["SSH_UNREACHABLE"] },
  },
];
