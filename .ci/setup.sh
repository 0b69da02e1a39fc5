#!/usr/bin/env bash
# Installs the system packages the lab, the tests and the benchmark need (Debian, as root).
set -euo pipefail

packages=(openssh-server openssh-client iptables nftables iproute2 curl wget nmap netcat-openbsd pssh chromium procps time openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "rerun-doctor: missing Debian packages: ${missing[*]}" >&2
  echo "  install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  echo "  (the lab also needs root for network namespaces and iptables)" >&2
  exit 1
fi
echo "rerun-doctor: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then exit 0; fi
  echo "rerun-doctor: apt-get failed (attempt $attempt), retrying" >&2
  sleep $((attempt * 5))
done
exit 1
