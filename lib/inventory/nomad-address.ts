import { inCidr } from "../common/ipv4";

/** This machine only; `URL` writes IPv6 hosts in brackets. */
const isLoopbackName = (hostname: string): boolean => hostname === "localhost" || hostname === "[::1]" || inCidr(hostname, "127.0.0.0/8");

/**
 * Why the dashboard will not talk to this Nomad, or null. Over plain http anyone on the path reads
 * the ACL token and can rewrite the node list, i.e. choose what the dashboard SSHes into. The
 * inventory stays valid (the contract allows http); discovery refuses it and the run says so.
 */
export function cleartextRefusal(address: string): string | null {
  if (!URL.canParse(address)) return null;
  const url = new URL(address);
  if (url.protocol === "https:" || isLoopbackName(url.hostname)) return null;
  return (
    "discovery refused: Nomad over http:// on the network would send the ACL token and the node list in cleartext; " +
    "use https:// (http:// only for a loopback address: 127.0.0.0/8, ::1 or localhost)"
  );
}
