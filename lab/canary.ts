import { run, runOk } from "./exec";
import { VETH_PREFIX } from "./plan";
import { BRIDGE, CANARY_IP, DASHBOARD_IP, NS_PREFIX } from "./addresses";

/** The canary takes index 0: namespaces and veths are found (and torn down) by name like the clients'. */
export const CANARY_NAMESPACE = `${NS_PREFIX}0`;
const CANARY_VETH = `${VETH_PREFIX}0`;
/** Counts every SYN that reaches the canary; nothing listens, so each gets a RST, as any host's would. */
const COUNT_SYNS = ["-A", "INPUT", "-p", "tcp", "--syn", "-m", "comment", "--comment", "rerun-doctor-canary", "-j", "ACCEPT"];

/**
 * A host on the lab's private side that no client owns and the inventory never names. A hostile
 * client claims its address; a dashboard that trusted the claim would send it SYNs.
 */
export async function buildCanary(): Promise<void> {
  const host = [
    `netns add ${CANARY_NAMESPACE}`,
    `link add ${CANARY_VETH} type veth peer name eth0 netns ${CANARY_NAMESPACE}`,
    `link set dev ${CANARY_VETH} addrgenmode none`,
    `link set dev ${CANARY_VETH} master ${BRIDGE} up`,
    `route add ${CANARY_IP}/32 dev ${BRIDGE} src ${DASHBOARD_IP}`,
  ];
  await runOk("ip", ["-batch", "-"], { input: `${host.join("\n")}\n` });
  const inside = ["link set dev lo up", "link set dev eth0 addrgenmode none", `addr add ${CANARY_IP}/32 dev eth0`, "link set dev eth0 up"];
  await runOk("ip", ["-n", CANARY_NAMESPACE, "-batch", "-"], {
    input: `${[...inside, `route add ${DASHBOARD_IP}/32 dev eth0`].join("\n")}\n`,
  });
  await runOk("ip", ["netns", "exec", CANARY_NAMESPACE, "iptables", "-w", "5", ...COUNT_SYNS]);
}

/** SYNs the canary has seen since the lab came up. */
export async function canarySyns(): Promise<number> {
  const out = await run("ip", ["netns", "exec", CANARY_NAMESPACE, "iptables", "-w", "5", "-L", "INPUT", "-v", "-x", "-n"]);
  const line = out.stdout.split("\n").find((l) => l.includes("rerun-doctor-canary"));
  if (out.code !== 0 || !line) throw new Error(`the canary's counter is missing (is the lab up?): ${out.stderr.trim()}`);
  return Number(line.trim().split(/\s+/)[0]);
}
