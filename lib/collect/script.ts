/**
 * The one command run on each client. Fixed text: no inventory or remote value is ever spliced
 * into it. POSIX sh, few processes (a lab of 100 clients shares two cores), curl or wget.
 * Remote-controlled bytes travel as length-framed blobs at the end, never as lines. `rd-step`
 * lines mark each part as it starts, so the dashboard can time them as they arrive.
 */
/** Each metadata request's budget in the script (curl -m 1, wget -T 1): a slower IMDS counts as no answer. */
export const IMDS_REQUEST_TIMEOUT_S = 1;

/**
 * A cut session kills the shell by SIGPIPE or SIGHUP, which skips an EXIT trap: turning those into an
 * exit removes the temp dir (metadata answers, an IMDS token) whenever the shell can still run.
 */
export const TEMP_DIR_CLEANUP = String.raw`trap 'rm -rf "$D"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM`;

export const COLLECT_SCRIPT = String.raw`
export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
F=/etc/circleci/public-ipv4
M=http://169.254.169.254/latest
G=http://169.254.169.254/computeMetadata/v1/instance/network-interfaces/0
Z='http://169.254.169.254/metadata/instance/network?api-version=2021-02-01'
D=$(mktemp -d 2>/dev/null) || { D="/tmp/rerun-doctor.$$"; mkdir -m 700 "$D" || exit 3; }
trap 'rm -rf "$D"' EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM
cd "$D" || exit 3
BLOBS="hostname override token tokenless public-ipv4 local-ipv4 instance-id az gcp-external-ip gcp-ip azure-network"
for b in $BLOBS; do : > "$b"; done
echo "rd-begin 2"
echo "rd-step override"
read -r h < /proc/sys/kernel/hostname 2>/dev/null || h=$(hostname 2>/dev/null)
printf '%s' "$h" > hostname
if [ -f "$F" ]; then
  echo "override.exists 1"
  echo "override.stat $(stat -c '%s %Y' "$F" 2>/dev/null)"
  head -c 65536 "$F" > override 2>/dev/null
elif [ -e "$F" ]; then echo "override.exists special"
else echo "override.exists 0"; fi
echo "rd-step metadata"
if command -v curl >/dev/null 2>&1; then TOOL=curl; elif command -v wget >/dev/null 2>&1; then TOOL=wget; else TOOL=none; fi
echo "tool $TOOL"
C="-s --connect-timeout 1 -m 1 --max-filesize 4096"
ITEMS="public-ipv4 local-ipv4 instance-id az"
TC=""; LC=""
# Builtins wherever a process is not needed: every exec costs the client CPU (and a lab's shared cores).
label() {
  n=0
  while read -r c; do
    n=$((n + 1))
    case $n in 1) k=public-ipv4 ;; 2) k=local-ipv4 ;; 3) k=instance-id ;; 4) k=az ;; *) k="" ;; esac
    printf 'imds.%s %s\n' "$k" "$c"
  done
}
wget_code() { awk '/^ *HTTP\//{c=$2} END{if (c) print c; else print "000"}' "$1"; }
if [ "$TOOL" = curl ]; then
  # Token and tokenless request in parallel: blocked metadata costs one timeout, not two.
  W='%{url_effective} %{http_code} %{exitcode}\n'
  curl -Z $C -w "$W" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' -o token "$M/api/token" \
    --next $C -w "$W" -o tokenless "$M/meta-data/public-ipv4" > first 2>/dev/null
  if [ ! -s first ]; then # curl before 7.66 has no --parallel
    curl $C -w "$W" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' -o token "$M/api/token" > first 2>/dev/null
    curl $C -w "$W" -o tokenless "$M/meta-data/public-ipv4" >> first 2>/dev/null
  fi
  # curl exit 7: refused or no route (nothing serves metadata here); 28: no answer in time.
  while read -r u c e; do
    case $u in */api/token) k=imds.token; TC=$c;; *) k=imds.tokenless; LC=$c;; esac
    printf '%s %s\n' "$k" "$c"; if [ -n "$e" ]; then printf '%s.exit %s\n' "$k" "$e"; fi
  done < first > codes
elif [ "$TOOL" = wget ]; then
  wget -q -S -O token -T 1 -t 1 --method=PUT --header='X-aws-ec2-metadata-token-ttl-seconds: 60' "$M/api/token" 2>token.h
  wget -q -S -O tokenless -T 1 -t 1 "$M/meta-data/public-ipv4" 2>tokenless.h
  TC=$(wget_code token.h); LC=$(wget_code tokenless.h)
  printf 'imds.token %s\nimds.tokenless %s\n' "$TC" "$LC" > codes
  if grep -qiE 'refused|unreachable|no route' token.h; then echo "imds.token.exit 7" >> codes; fi
fi
if [ -s codes ]; then
  while read -r l; do printf '%s\n' "$l"; done < codes
  T=""
  if [ "$TC" = 200 ]; then T=$(head -c 256 token); fi
  set --
  if [ -n "$T" ] && [ "$TOOL" = curl ]; then set -- -H "X-aws-ec2-metadata-token: $T"; fi
  if [ -n "$T" ] && [ "$TOOL" = wget ]; then set -- "--header=X-aws-ec2-metadata-token: $T"; fi
  if [ -n "$T" ] || [ "$LC" != 000 ]; then
    if [ "$TOOL" = curl ]; then
      curl $C -w '%{http_code}\n' "$@" -o public-ipv4 "$M/meta-data/public-ipv4" -o local-ipv4 "$M/meta-data/local-ipv4" \
        -o instance-id "$M/meta-data/instance-id" -o az "$M/meta-data/placement/availability-zone" 2>/dev/null | label
    else
      for item in $ITEMS; do
        path=$item; [ "$item" = az ] && path=placement/availability-zone
        wget -q -S -O "$item" -T 1 -t 1 "$@" "$M/meta-data/$path" 2>"$item.h"
        wget_code "$item.h"
      done | label
    fi
  fi
  # An HTTP answer that is not AWS's (no token, no 200/401): ask GCP and Azure, one request each.
  AWS=""; HTTP=""
  case $TC in 200) AWS=1 ;; 000 | "") ;; *) HTTP=1 ;; esac
  case $LC in 200 | 401) AWS=1 ;; 000 | "") ;; *) HTTP=1 ;; esac
  if [ -n "$AWS" ] || [ -z "$HTTP" ]; then :
  elif [ "$TOOL" = curl ]; then
    curl $C -H 'Metadata-Flavor: Google' -D gcp.h -w 'gcp.external-ip %{http_code}\n' -o gcp-external-ip "$G/access-configs/0/external-ip" \
      --next $C -H 'Metadata-Flavor: Google' -w 'gcp.ip %{http_code}\n' -o gcp-ip "$G/ip" \
      --next $C --max-filesize 16384 -H 'Metadata: true' -w 'azure.network %{http_code}\n' -o azure-network "$Z" 2>/dev/null
  else
    # wget has no size cap: head bounds each body as curl's --max-filesize does.
    wget -q -S -O - -T 1 -t 1 --header='Metadata-Flavor: Google' "$G/access-configs/0/external-ip" 2>gcp.h | head -c 4096 > gcp-external-ip
    echo "gcp.external-ip $(wget_code gcp.h)"
    wget -q -S -O - -T 1 -t 1 --header='Metadata-Flavor: Google' "$G/ip" 2>gcp-ip.h | head -c 4096 > gcp-ip
    echo "gcp.ip $(wget_code gcp-ip.h)"
    wget -q -S -O - -T 1 -t 1 --header='Metadata: true' "$Z" 2>azure.h | head -c 16384 > azure-network
    echo "azure.network $(wget_code azure.h)"
  fi
  if [ -s gcp.h ] && grep -qi 'metadata-flavor: *google' gcp.h; then echo "gcp.flavor google"; fi
fi
echo "rd-step network"
if command -v ip >/dev/null 2>&1; then
  ip -4 -o addr show 2>/dev/null | { n=0; while read -r x x x a x; do n=$((n + 1)); [ $n -gt 256 ] || printf 'iface %s\n' "$a"; done; }
else hostname -I 2>/dev/null | tr ' ' '\n' | awk 'NF && NR <= 256 {print "iface " $1}'; fi
awk 'FILENAME == "/proc/stat" { if ($1 == "btime" && !b++) print "boot.btime " $2; next }
  $4 == "0A" { n = split($2, a, ":"); if (!seen[a[n]]++ && ++c <= 4096) print "listen " a[n] }' \
  /proc/stat /proc/net/tcp /proc/net/tcp6 2>/dev/null
echo "rd-step runtime"
if command -v podman >/dev/null 2>&1 && ! command -v docker >/dev/null 2>&1; then echo "runtime podman"
elif command -v docker >/dev/null 2>&1 || [ -S /var/run/docker.sock ]; then echo "runtime docker"
else echo "runtime none"; fi
echo "rd-step output"
echo rd-blobs $(stat -c '%n:%s' $BLOBS)
cat $BLOBS
echo
echo "rd-end 2"
`;
