import { USER_PROBE_TOKEN_PATTERN } from "../store/user-probe-types";

/** An origin fit to sit between single quotes in sh and PowerShell: no quote, space or $ can pass. */
const ORIGIN = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
export const PROBE_WAIT_SECONDS = 3;

/** The base URL of one probe request's public endpoints; refuses anything that could break out of the quotes. */
export function userProbeBase(origin: string, token: string): string {
  if (!ORIGIN.test(origin)) throw new Error("user probe: the dashboard's origin is not a plain http(s) origin");
  if (!USER_PROBE_TOKEN_PATTERN.test(token)) throw new Error("user probe: malformed token");
  return `${origin}/api/user-probe/${token}`;
}

const HEADER = [
  "Rerun Doctor user check: can this machine reach the CircleCI Nomad clients' SSH-rerun ports?",
  "It fetches a list of address/port pairs from the dashboard below, tries one TCP connection to each",
  "(it sends nothing over them), and posts back one line per pair: open, closed or filtered.",
  "It needs no credentials, installs nothing and changes nothing on this machine.",
];

/** POSIX sh. Fixed text: the only values in it are the validated base URL and the probe timeout. */
export function shScript(base: string): string {
  return `#!/bin/sh
${HEADER.map((l) => `# ${l}`).join("\n")}
# Tools: bash's /dev/tcp with timeout (open / closed / filtered), else nc -z, else curl's connect.
# A line "unknown" means the tool could not tell closed from filtered for that port.
rd_probe() {
  case "$RD_TOOL" in
  bash)
    err=$(timeout "$RD_WAIT" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then s="open syn-ack"; elif [ "$rc" -eq 124 ]; then s="filtered no-response"; else s=""; fi ;;
  nc)
    err=$(nc -v -z -w "$RD_WAIT" "$1" "$2" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then s="open syn-ack"; else s=""; fi ;;
  *)
    err=$(curl -sS -o /dev/null --connect-timeout "$RD_WAIT" --max-time $((RD_WAIT + 2)) -w ' tc=%{time_connect}' "http://$1:$2/" 2>&1)
    rc=$?
    case "$err" in *"tc=0.000000"*) s="" ;; *tc=[0-9]*) s="open syn-ack" ;; *) s="" ;; esac
    [ -n "$s" ] || [ "$rc" -ne 28 ] || s="filtered no-response" ;;
  esac
  if [ -z "$s" ]; then
    case "$err" in
    *refused*) s="closed conn-refused" ;;
    *"timed out"*|*"in progress"*) s="filtered no-response" ;;
    *"No route"*|*"ost is unreachable"*) s="filtered host-unreach" ;;
    *"etwork is unreachable"*) s="filtered net-unreach" ;;
    *) s="unknown undetermined" ;;
    esac
  fi
  printf '%s %s %s\\n' "$1" "$2" "$s"
}

rd_main() {
  RD_BASE='${base}'
  RD_WAIT=${PROBE_WAIT_SECONDS}
  command -v curl >/dev/null 2>&1 || { echo "rerun-doctor: curl is needed to fetch the targets and send the results" >&2; return 1; }
  RD_TMP=$(mktemp -d 2>/dev/null || mktemp -d -t rerun-doctor) || return 1
  trap 'rm -rf "$RD_TMP"' EXIT
  curl -fsS --max-time 30 -o "$RD_TMP/targets" "$RD_BASE/targets" </dev/null ||
    { echo "rerun-doctor: could not fetch the targets (has the link expired or been revoked?)" >&2; return 1; }
  if command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then RD_TOOL=bash
  elif command -v nc >/dev/null 2>&1; then RD_TOOL=nc
  else RD_TOOL=curl; fi
  echo "rerun-doctor: probing $(wc -l <"$RD_TMP/targets") address/port pairs with $RD_TOOL" \\
    "(up to ${PROBE_WAIT_SECONDS} s per batch of 32)" >&2
  n=0
  while read -r ip port rest; do
    case "$ip" in ''|*[!0-9.]*) continue ;; esac
    case "$port" in ''|*[!0-9]*) continue ;; esac
    [ -z "$rest" ] || continue
    rd_probe "$ip" "$port" >"$RD_TMP/r.$n" 2>/dev/null </dev/null &
    n=$((n + 1))
    [ $((n % 32)) -ne 0 ] || wait
  done <"$RD_TMP/targets"
  wait
  sep=''
  {
    printf '{"tool":"%s","results":[' "$RD_TOOL"
    for f in "$RD_TMP"/r.*; do
      [ -f "$f" ] || continue
      IFS= read -r line <"$f" || continue
      case "$line" in ''|*[!0-9a-z.\\ -]*) continue ;; esac
      printf '%s"%s"' "$sep" "$line"
      sep=','
    done
    printf ']}\\n'
  } >"$RD_TMP/body"
  cat "$RD_TMP"/r.* 2>/dev/null | awk '{ n[$3]++ } END { printf "rerun-doctor: %d open, %d closed, %d filtered, %d unknown\\n",
    n["open"], n["closed"], n["filtered"], n["unknown"] }' >&2
  curl -fsS --max-time 30 -H 'Content-Type: application/json' --data-binary @"$RD_TMP/body" "$RD_BASE/results" </dev/null >/dev/null ||
    { echo "rerun-doctor: could not send the results" >&2; return 1; }
  echo "rerun-doctor: results sent to the dashboard; thank you." >&2
}

rd_main "$@"
`;
}

/** PowerShell 5.1 or 7 (Windows): TcpClient.ConnectAsync with a deadline per batch of 64. */
export function ps1Script(base: string): string {
  return `${HEADER.map((l) => `# ${l}`).join("\n")}
& {
  $ErrorActionPreference = 'Stop'
  $RdBase = '${base}'
  $WaitMs = ${PROBE_WAIT_SECONDS * 1000}
  $text = Invoke-RestMethod -Uri "$RdBase/targets" -TimeoutSec 30
  $lines = @(($text -split "\`n") | Where-Object { $_ -match '^\\d{1,3}(\\.\\d{1,3}){3} \\d{1,5}$' })
  Write-Host "rerun-doctor: probing $($lines.Count) address/port pairs with TcpClient"
  $results = New-Object System.Collections.Generic.List[string]
  for ($i = 0; $i -lt $lines.Count; $i += 64) {
    $batch = @($lines[$i..([Math]::Min($i + 63, $lines.Count - 1))] | ForEach-Object {
      $ip, $port = $_ -split ' '
      $client = New-Object System.Net.Sockets.TcpClient
      [pscustomobject]@{ Ip = $ip; Port = [int]$port; Client = $client; Task = $client.ConnectAsync($ip, [int]$port) }
    })
    $deadline = [DateTime]::UtcNow.AddMilliseconds($WaitMs)
    foreach ($p in $batch) {
      $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
      try { [void]$p.Task.Wait($left) } catch { }
      $s = 'filtered no-response'
      if ($p.Task.Status -eq 'RanToCompletion') { $s = 'open syn-ack' }
      elseif ($p.Task.IsFaulted) {
        $e = $p.Task.Exception.GetBaseException()
        $code = if ($e -is [System.Net.Sockets.SocketException]) { [string]$e.SocketErrorCode } else { '' }
        $s = switch ($code) {
          'ConnectionRefused' { 'closed conn-refused' }
          'TimedOut' { 'filtered no-response' }
          'HostUnreachable' { 'filtered host-unreach' }
          'NetworkUnreachable' { 'filtered net-unreach' }
          default { 'unknown undetermined' }
        }
      }
      $p.Client.Dispose()
      $results.Add("$($p.Ip) $($p.Port) $s")
    }
  }
  $counts = $results | ForEach-Object { ($_ -split ' ')[2] } | Group-Object -NoElement | ForEach-Object { "$($_.Count) $($_.Name)" }
  Write-Host "rerun-doctor: $($counts -join ', ')"
  $body = @{ tool = 'powershell'; results = $results.ToArray() } | ConvertTo-Json -Compress
  Invoke-RestMethod -Method Post -Uri "$RdBase/results" -ContentType 'application/json' -Body $body -TimeoutSec 30 | Out-Null
  Write-Host 'rerun-doctor: results sent to the dashboard; thank you.'
}
`;
}

/** What the admin pastes into the ticket: run it at once, or save it, read it, then run it. */
export function oneLiners(base: string) {
  return {
    sh: `curl -fsS '${base}/script.sh' | sh`,
    shReadFirst: `curl -fsS -o rerun-doctor-check.sh '${base}/script.sh' && less rerun-doctor-check.sh && sh rerun-doctor-check.sh`,
    ps1: `irm '${base}/script.ps1' | iex`,
    ps1ReadFirst:
      `irm '${base}/script.ps1' -OutFile rerun-doctor-check.ps1; notepad rerun-doctor-check.ps1; ` +
      "powershell -ExecutionPolicy Bypass -File .\\rerun-doctor-check.ps1",
  };
}
