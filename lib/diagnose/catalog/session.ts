import type { CollectTimings, StepTiming } from "../../collect/types";
import { escapeText } from "../../common/escape";
import type { Target } from "../../inventory/types";
import { COMMAND_IDLE_SCALE, IDLE_FLOOR_MS } from "../../ssh/patience";
import type { SessionFailure } from "../../ssh/types";
import { entry, type CatalogPart } from "./entry";
import { certAuthorityText } from "./host-certificate";
import { hostArg } from "./words";

type Unreachable = Extract<SessionFailure, { kind: "unreachable" | "handshake-timeout" | "protocol-error" }>;

const endpoint = (target: Target): string => `${target.host}:${target.port}`;
const knownHostsName = (target: Target): string => hostArg(target.port === 22 ? target.host : `[${target.host}]:${target.port}`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const UNREACHABLE_CAUSE: Readonly<Record<string, string>> = {
  refused: "the TCP connection was refused (RST): no sshd listens on that port, or a host firewall rejects it",
  reset:
    "the connection was reset (RST) before sshd said anything: a firewall, load balancer or IPS kills the flow, or sshd dies on accept",
  timeout: "the TCP connection timed out (no answer): a security group or NACL drops it, or the instance is down or replaced",
  "no-route": "there is no route to the host from the dashboard",
  dns: "the host name does not resolve from the dashboard",
};

function unreachableCause(failure: Unreachable): string {
  if (failure.kind === "handshake-timeout") {
    return "TCP was accepted but no SSH banner or handshake followed in time (a proxy or load balancer in the way, or an overloaded sshd)";
  }
  if (failure.kind === "protocol-error") return "the SSH handshake failed with a protocol error";
  return UNREACHABLE_CAUSE[failure.reason] ?? failure.reason;
}

const VERIFY_OUT_OF_BAND =
  "Verify the fingerprint out of band (EC2 console system log, or `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` through Session " +
  "Manager)";

export const SESSION_ENTRIES = {
  SSH_UNREACHABLE: entry({
    check: "the dashboard reaches each client's sshd (TCP, banner, handshake)",
    severities: ["error"],
    arrows: ["inspect"],
    cause: "Rerun Doctor cannot reach sshd",
    arrowCause: "sshd does not answer",
    text: ({ target, failure }: { target: Target; failure: Unreachable }) => ({
      title: `No SSH session to ${target.name}`,
      detail:
        `Connecting to ${endpoint(target)}: ${unreachableCause(failure)} ("${escapeText(failure.message)}"). ` +
        "The client could not be inspected, so its rerun setup is unknown.",
      remediation:
        `Check that the instance is running and that sshd listens on port ${target.port}; allow TCP ${target.port} ` +
        "from the dashboard's address in the Nomad clients' security group; if the instance was replaced, " +
        "update this client's host in the inventory (or let Nomad discovery find it).",
    }),
  }),
  SSH_AUTH_FAILED: entry({
    check: "sshd accepts the dashboard's key",
    severities: ["error"],
    arrows: ["inspect"],
    cause: "the dashboard's SSH key is refused",
    arrowCause: "the key is refused",
    text: ({ target, message }: { target: Target; message: string }) => ({
      title: `SSH key refused by ${target.name}`,
      detail: `sshd on ${endpoint(target)} answered but refused the key for user "${target.user}" ("${escapeText(message)}").`,
      remediation:
        `Add the dashboard's public key to ~${target.user}/.ssh/authorized_keys on the Nomad clients ` +
        "(through their launch template or boot script so replacements get it too), or fix ssh.user / " +
        "ssh.identityFile in the inventory; with ssh-agent, check that SSH_AUTH_SOCK holds the key " +
        "(beside an identityFile, agent keys are offered only with ssh.useAgent: true).",
    }),
  }),
  SSH_HOST_KEY_MISMATCH: entry({
    check: "the client's host key is the one known_hosts holds; nothing runs on a host that fails it",
    severities: ["error"],
    arrows: ["inspect"],
    cause: "the host key changed since known_hosts was written",
    arrowCause: "the host key changed",
    text: ({ target, presented, known }: { target: Target; presented: string; known: readonly string[] }) => ({
      title: `Host key of ${target.name} differs from known_hosts`,
      detail:
        `${endpoint(target)} presented ${presented}, but known_hosts holds ${known.join(", ") || "another key"} for it. ` +
        "The connection was dropped before authentication: nothing else was run on this host.",
      remediation:
        "Find out why the key changed before trusting it: a Nomad client replaced by its autoscaling group gets a new key, " +
        `but so would a machine in the middle. ${VERIFY_OUT_OF_BAND}, then ` +
        `\`ssh-keygen -R ${knownHostsName(target)}\` and \`ssh-keyscan -p ${target.port} ${hostArg(target.host)} >> KNOWN_HOSTS\` ` +
        "(the inventory's ssh.knownHostsFile).",
    }),
  }),
  SSH_HOST_KEY_UNKNOWN: entry({
    check: "under the strict host-key policy, the client is in known_hosts",
    severities: ["error"],
    arrows: ["inspect"],
    cause: "the host is not in known_hosts",
    arrowCause: "the host is not in known_hosts",
    text: ({
      target,
      presented,
      certAuthorityLines = [],
    }: {
      target: Target;
      presented: string;
      certAuthorityLines?: readonly number[];
    }) =>
      certAuthorityLines.length > 0
        ? certAuthorityText(target, presented, certAuthorityLines, VERIFY_OUT_OF_BAND)
        : {
            title: `${target.name} is not in known_hosts`,
            detail:
              `${endpoint(target)} presented ${presented}; ` +
              (target.source === "nomad"
                ? "hosts discovered from Nomad are checked strictly whatever ssh.hostKeyPolicy says, "
                : "ssh.hostKeyPolicy is strict ") +
              "and known_hosts has no key for it. Nothing else was run on this host.",
            remediation:
              `${VERIFY_OUT_OF_BAND}, then \`ssh-keyscan -p ${target.port} ${hostArg(target.host)} >> KNOWN_HOSTS\` (the inventory's ` +
              (target.source === "nomad"
                ? "ssh.knownHostsFile; Nomad chose this host, so its key is never pinned on first use)."
                : "ssh.knownHostsFile); or set ssh.hostKeyPolicy: accept-new to pin keys on first use."),
          },
  }),
  COLLECT_FAILED: entry({
    check: "the one read-only command runs and prints its facts within its silence budget",
    severities: ["error"],
    arrows: ["inspect"],
    cause: "the inspection command failed",
    arrowCause: "the inspection command failed",
    text: ({ target, fingerprint, message }: { target: Target; fingerprint: string; message: string }) => ({
      title: `Could not read ${target.name}'s rerun setup`,
      detail: `An SSH session opened (host key ${fingerprint}) but collecting facts failed: "${escapeText(message)}".`,
      remediation:
        `Check that user "${target.user}" can run sh, cat, ip and curl or wget on the Nomad client. ` +
        "A command that went silent was retried once with doubled patience; if the client is only busy, raise " +
        "ssh.commandTimeoutMs in the inventory, and look for what holds it (`top`, a stuck NFS mount, a hung metadata call).",
    }),
  }),
  COLLECT_SLOW: entry({
    check: "how long each step of the inspection took, and whether it needed its retry",
    severities: ["info"],
    arrows: [],
    cause: "the client answered slowly",
    arrowCause: "the client answered slowly",
    loadDependent: true,
    text: ({ target, timings, slowest }: { target: Target; timings: CollectTimings; slowest: StepTiming }) => {
      const steps = timings.steps.map((s) => `${s.name} ${seconds(s.ms)}`).join(", ");
      const login = `TCP ${timings.tcpMs ?? "?"} ms, banner ${timings.bannerMs ?? "?"} ms, login ${timings.loginMs ?? "?"} ms`;
      const retry = timings.retried ? ` The first attempt was retried once: ${escapeText(timings.retried)}.` : "";
      return {
        title: `${target.name} answered slowly: its "${slowest.name}" step took ${seconds(slowest.ms)}`,
        detail:
          `The inspection finished, so the findings stand, but the client is slow: ${login}; steps: ${steps} ` +
          `(silence allowed per step: ${seconds(timings.idleBudgetMs ?? 0)}, at least ${seconds(IDLE_FLOOR_MS)} or ${COMMAND_IDLE_SCALE} ` +
          `times the login).${retry}`,
        remediation:
          "Nothing to fix for reruns. A Nomad client this busy (CPU, I/O or a slow metadata endpoint) starts SSH rerun jobs slowly too: " +
          "check its load (`uptime`, `top`) and whether it runs more jobs than its size allows.",
      };
    },
  }),
} satisfies CatalogPart;
