/** The lab's addresses: 198.51.100.0/24 only (documentation range; the uplink and registries use the others). */
export const LAB_PREFIX = "198.51.100";
export const LAB_CIDR = `${LAB_PREFIX}.0/24`;
export const DASHBOARD_IP = `${LAB_PREFIX}.1`;
export const BRIDGE = "rdlab0";
export const NS_PREFIX = "rdlab-";
/** A host on the lab's private side that no client owns: a hostile client points the dashboard at it. */
export const CANARY_IP = `${LAB_PREFIX}.127`;
/** Never allocated (clients' public addresses start at .130), and routed unreachable on the host. */
export const STALE_OVERRIDE_IP = `${LAB_PREFIX}.129`;
/** A NAT gateway's public address as an override names it: on no client, routed unreachable like .129. */
export const NAT_GATEWAY_IP = `${LAB_PREFIX}.128`;
/** The clients' public side: the lab declares it public through probe.allowCidrs, as an admin would theirs. */
export const LAB_PUBLIC_CIDR = `${LAB_PREFIX}.128/25`;
