import { TEMP_DIR_CLEANUP } from "./script";

/**
 * The second command run on each client, over the session the collect script used: its own Nomad
 * agent and its own firewall and routes. Fixed text like COLLECT_SCRIPT; the only arguments are the
 * users' representative addresses, each checked as one IPv4 address and quoted (host-checks.ts).
 */

/** Each step stays under the command's 3 s silence floor (lib/ssh/patience.ts): curl -m 2, timeout 2.
 * Nomad's local agent as CircleCI's boot scripts set NOMAD_ADDR: https with the certs under /etc/ssl/nomad when they exist. */
const AGENT_GET = String.raw`
S=/etc/ssl/nomad
if command -v curl >/dev/null 2>&1; then H=curl; elif command -v wget >/dev/null 2>&1; then H=wget; else H=none; fi
if [ -e $S/ca.pem ]; then A=https://localhost:4646; else A=http://127.0.0.1:4646; fi
echo "nomad.tool $H"
echo "nomad.addr $A"
# get PATH FILE MAXBYTES: prints the HTTP status (000: no answer); the body lands in FILE, cut to MAXBYTES.
get() {
  if [ "$H" = curl ] && [ "$A" = http://127.0.0.1:4646 ]; then
    curl -s --connect-timeout 1 -m 2 --max-filesize "$3" -o "$2.raw" -w '%{http_code}' "$A$1" 2>/dev/null
  elif [ "$H" = curl ]; then
    curl -s --connect-timeout 1 -m 2 --max-filesize "$3" --cacert $S/ca.pem --cert $S/client.pem --key $S/key.pem \
      -o "$2.raw" -w '%{http_code}' "$A$1" 2>/dev/null
  elif [ "$H" = wget ] && [ "$A" = http://127.0.0.1:4646 ]; then
    wget -q -S -O "$2.raw" -T 2 -t 1 "$A$1" 2>"$2.h"
    awk '/^ *HTTP\//{c=$2} END{if (c) print c; else print "000"}' "$2.h"
  elif [ "$H" = wget ]; then
    wget -q -S -O "$2.raw" -T 2 -t 1 --ca-certificate=$S/ca.pem --certificate=$S/client.pem --private-key=$S/key.pem "$A$1" 2>"$2.h"
    awk '/^ *HTTP\//{c=$2} END{if (c) print c; else print "000"}' "$2.h"
  else printf 000; fi
  if [ -s "$2.raw" ]; then head -c "$3" "$2.raw" > "$2" 2>/dev/null; else : > "$2"; fi
}
`;

const PRELUDE = String.raw`
export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
D=$(mktemp -d 2>/dev/null) || { D="/tmp/rerun-doctor-host.$$"; mkdir -m 700 "$D" || exit 3; }
${TEMP_DIR_CLEANUP}
cd "$D" || exit 3
: > node; : > nodes
T=""; if command -v timeout >/dev/null 2>&1; then T="timeout 2"; fi
echo "rd-host-begin 1"
`;

/** Bytes kept of one node's record (its Attributes, Drivers and Resources run to tens of KB). */
export const MAX_NODE_BYTES = 1024 * 1024;
/** Bytes kept of a fleet listing through a client's agent (GET /v1/nodes). */
export const MAX_NODES_BYTES = 4 * 1024 * 1024;

export const HOST_SCRIPT =
  PRELUDE +
  AGENT_GET +
  String.raw`
echo "rd-step nomad-agent"
C=$(get /v1/agent/self self 262144)
echo "nomad.self $C"
ID=""
if [ "$C" = 200 ]; then ID=$(grep -o '"node_id": *"[0-9a-f-]\{36\}"' self 2>/dev/null | head -n 1 | grep -o '[0-9a-f-]\{36\}'); fi
if [ -n "$ID" ]; then
  echo "nomad.id $ID"
  echo "nomad.node $(get "/v1/node/$ID" node ${MAX_NODE_BYTES})"
fi
echo "rd-step firewall"
U=$(id -u 2>/dev/null)
echo "fw.uid $U"
if [ "$U" = 0 ]; then P=""; echo "fw.priv root"
elif ! command -v sudo >/dev/null 2>&1; then P=no; echo "fw.priv no-sudo"
elif sudo -n true >/dev/null 2>&1 </dev/null; then P="sudo -n"; echo "fw.priv sudo"
else P=no; echo "fw.priv sudo-password"; fi
if [ "$P" != no ]; then
  : > saved; : > nft
  # One iptables-save of the filter table (one process, not three); iptables -S per chain where there is none.
  if command -v iptables-save >/dev/null 2>&1; then
    $P $T iptables-save -t filter > saved 2>&1 </dev/null; echo "fw.save $?"
  elif command -v iptables >/dev/null 2>&1; then
    for c in INPUT FORWARD DOCKER-USER; do
      $P $T iptables -w 2 -S "$c" > fw 2>&1 </dev/null; echo "fw.chain $c $?"
      awk -v c="$c" 'NR <= 256 { print "fw.rule " c " " substr($0, 1, 512) }' fw
    done
  else echo "fw.iptables absent"; fi
  if command -v nft >/dev/null 2>&1; then
    $P $T nft list ruleset > nft 2>&1 </dev/null; echo "fw.nft-status $?"
  fi
  # Both listings in one awk: a process less on every client.
  awk 'FILENAME == "saved" && FNR <= 4096 { print "fw.saved " substr($0, 1, 512) }
    FILENAME == "nft" && FNR <= 1000 { print "fw.nft " substr($0, 1, 256) }' saved nft
fi
echo "rd-step routes"
# One ip process for every address: a route's line starts with its address; errors come in order, without it.
if [ $# -gt 0 ] && command -v ip >/dev/null 2>&1; then
  printf 'route get %s\n' "$@" | ip -4 -force -batch - 2>&1 | awk 'NR <= 64 && !/^ +cache/ { print "fw.routes " substr($0, 1, 256) }'
elif [ $# -gt 0 ]; then echo "fw.ip absent"; fi
echo "rd-host-blobs node:$(stat -c %s node)"
if [ -s node ]; then cat node; fi
echo
echo "rd-host-end 1"
`;

/** `nomad: { via: <client> }`: the fleet as that client's local agent lists it (it forwards to the servers). */
export const NOMAD_LIST_SCRIPT =
  PRELUDE +
  AGENT_GET +
  String.raw`
echo "nomad.nodes $(get /v1/nodes nodes ${MAX_NODES_BYTES})"
echo "nomad.nodes-size $(wc -c < nodes.raw 2>/dev/null | tr -d ' ')"
echo "rd-host-blobs nodes:$(wc -c < nodes | tr -d ' ')"
cat nodes
echo
echo "rd-host-end 1"
`;
