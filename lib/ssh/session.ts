import type { Client as Ssh2Client } from "ssh2";
import { runExec, type ChannelHost } from "./exec";
import { probeForward } from "./forward";
import type { SshSession } from "./types";

const END_GRACE_MS = 1000;

/** Polite disconnect, then a hard close if the peer does not finish closing in time. */
export function closeClient(client: Ssh2Client): void {
  const force = setTimeout(() => client.destroy(), END_GRACE_MS);
  force.unref();
  client.once("close", () => clearTimeout(force));
  try {
    client.end();
  } catch {
    client.destroy();
  }
}

/** Wraps a logged-in client (and the jump host's client carrying it, if any) as an SshSession. */
export function createSession(client: Ssh2Client, jump?: Ssh2Client): SshSession {
  let ended = false;
  let lost = false;
  const closeWatchers = new Set<() => void>();
  const onLost = (): void => {
    lost = true;
    for (const watcher of [...closeWatchers]) watcher();
    closeWatchers.clear();
  };
  client.once("close", onLost);
  jump?.once("close", () => {
    onLost();
    client.destroy();
  });

  const host: ChannelHost = {
    client,
    closedReason: () => (ended ? "SSH session was ended" : lost ? "SSH connection was lost" : null),
    watchClose(handler) {
      closeWatchers.add(handler);
      return () => closeWatchers.delete(handler);
    },
  };

  return {
    exec: (command, opts) => runExec(host, command, opts),
    forwardOut: (toHost, toPort, timeoutMs) => probeForward(host, toHost, toPort, timeoutMs),
    end() {
      if (ended) return;
      ended = true;
      closeClient(client);
      if (jump) closeClient(jump);
      onLost();
    },
  };
}
