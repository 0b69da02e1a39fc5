/**
 * The one command run on each client. Fixed text: no inventory or remote value is ever spliced
 * into it. POSIX sh; curl or wget; every remote-derived value is base64 so output stays line-safe.
 */
export const COLLECT_SCRIPT = String.raw`
export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
F=/etc/circleci/public-ipv4
M=http://169.254.169.254/latest
D=$(mktemp -d 2>/dev/null || { mkdir -p "/tmp/rerun-doctor.$$" && echo "/tmp/rerun-doctor.$$"; })
trap 'rm -rf "$D"' EXIT
b64() { head -c "$1" | base64 2>/dev/null | tr -d '\n'; }
echo "rd-begin 1"
printf 'hostname '; { hostname 2>/dev/null || cat /etc/hostname 2>/dev/null; } | b64 256; echo
if [ -f "$F" ]; then
  echo "override.exists 1"
  echo "override.stat $(stat -c '%s %Y' "$F" 2>/dev/null)"
  printf 'override.b64 '; b64 65536 < "$F"; echo
elif [ -e "$F" ]; then
  echo "override.exists special"
else
  echo "override.exists 0"
fi
if command -v curl >/dev/null 2>&1; then TOOL=curl; elif command -v wget >/dev/null 2>&1; then TOOL=wget; else TOOL=none; fi
echo "tool $TOOL"
req() { # name method path token: prints "name code base64-body"
  o="$D/$1"; code=000
  if [ "$TOOL" = curl ]; then
    if [ "$2" = PUT ]; then code=$(curl -s -o "$o" -w '%{http_code}' --connect-timeout 1 -m 1 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$M/$3" 2>/dev/null)
    elif [ -n "$4" ]; then code=$(curl -s -o "$o" -w '%{http_code}' --connect-timeout 1 -m 1 -H "X-aws-ec2-metadata-token: $4" "$M/$3" 2>/dev/null)
    else code=$(curl -s -o "$o" -w '%{http_code}' --connect-timeout 1 -m 1 "$M/$3" 2>/dev/null); fi
  elif [ "$TOOL" = wget ]; then
    if [ "$2" = PUT ]; then wget -q -S -O "$o" -T 1 -t 1 --method=PUT --header='X-aws-ec2-metadata-token-ttl-seconds: 60' "$M/$3" 2>"$o.h"
    elif [ -n "$4" ]; then wget -q -S -O "$o" -T 1 -t 1 --header="X-aws-ec2-metadata-token: $4" "$M/$3" 2>"$o.h"
    else wget -q -S -O "$o" -T 1 -t 1 "$M/$3" 2>"$o.h"; fi
    code=$(awk '/^ *HTTP\//{c=$2} END{if (c) print c; else print "000"}' "$o.h" 2>/dev/null)
  fi
  [ -n "$code" ] || code=000
  printf 'imds.%s %s ' "$1" "$code"; b64 1024 < "$o" 2>/dev/null; echo
}
if [ "$TOOL" != none ]; then
  req token PUT api/token > "$D/token.out" &
  req tokenless GET meta-data/public-ipv4 > "$D/tokenless.out" &
  wait
  cat "$D/token.out" "$D/tokenless.out"
  T=""
  case "$(cut -d' ' -f2 "$D/token.out")" in 200) T=$(head -c 256 "$D/token");; esac
  if [ -n "$T" ] || [ "$(cut -d' ' -f2 "$D/tokenless.out")" != 000 ]; then
    req public-ipv4 GET meta-data/public-ipv4 "$T"
    req local-ipv4 GET meta-data/local-ipv4 "$T"
    req instance-id GET meta-data/instance-id "$T"
    req az GET meta-data/placement/availability-zone "$T"
  fi
fi
if command -v ip >/dev/null 2>&1; then ip -4 -o addr show 2>/dev/null | awk '{print "iface " $4}' | head -n 256
else hostname -I 2>/dev/null | tr ' ' '\n' | awk 'NF{print "iface " $1}' | head -n 256; fi
awk '$4 == "0A" {n = split($2, a, ":"); print "listen " a[n]}' /proc/net/tcp /proc/net/tcp6 2>/dev/null | sort -u | head -n 4096
if command -v podman >/dev/null 2>&1 && ! command -v docker >/dev/null 2>&1; then echo "runtime podman"
elif command -v docker >/dev/null 2>&1 || [ -S /var/run/docker.sock ]; then echo "runtime docker"
else echo "runtime none"; fi
echo "rd-end 1"
`;
