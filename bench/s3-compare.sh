#!/usr/bin/env bash
# Side-by-side S3 comparison: Granary (`bin/granary server`) and s3proxy 4.1.0 (filesystem backend) on this
# machine, the same matrix against both in one run, cell by cell (Granary then s3proxy) so that both see the same
# background load. Prints one combined table and saves it, with the raw TSV, under bench/target/.
#
# Matrix: PUT and GET of 4 KiB, 1 MiB and 64 MiB with 1 and 8 clients; a 1 GiB multipart upload with 8 concurrent
# 16 MiB parts; its download as 8 concurrent 16 MiB ranged GETs. Every cell is bounded by a count and a duration.
#
# Environment (all optional):
#   S3_COMPARE_ONLY      extended regex over cell ids "op/size/clients", e.g. 'put/4KiB/8|get/64MiB' (all cells)
#   S3_COMPARE_DURATION  seconds per cell, after warm-up (12)
#   S3_COMPARE_WARMUP    untimed seconds per cell before measuring (1)
#   S3_COMPARE_START_TIMEOUT  seconds to wait for a server to answer, Granary may build first (300)
#   S3_COMPARE_PAYLOAD   how the load tool signs bodies: unsigned (UNSIGNED-PAYLOAD, default) or signed-crc32 (the
#                        body's SHA-256 signed and an x-amz-checksum-crc32 header, as boto3 and the aws CLI send)
#   S3_COMPARE_CLUSTER   1: also run every cell against a 7-process Granary cluster (six data nodes, one API node;
#                        server CPU summed over the seven) and add its columns (C) and its ratio to embedded (C/G)
#   GRANARY_ACCESS_KEY / GRANARY_SECRET_KEY  credentials for both servers (a fixed bench pair if unset)
#   JAVA_HOME            JDK to run servers and the load tool with
#
# Starts only its own processes (each in its own session), stops exactly those on exit, listens on 127.0.0.1 only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
s3proxy_jar="bench/target/s3proxy/s3proxy-4.1.0-jar-with-dependencies.jar"
only="${S3_COMPARE_ONLY:-.}"
duration="${S3_COMPARE_DURATION:-12}"
warmup="${S3_COMPARE_WARMUP:-1}"
start_timeout="${S3_COMPARE_START_TIMEOUT:-300}"
payload="${S3_COMPARE_PAYLOAD:-unsigned}"
with_cluster="${S3_COMPARE_CLUSTER:-0}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-s3compare}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-s3compare-secret-key-0123456789}"

# op size clients count [extra S3Load options]; counts keep each cell's disk use to a few GiB at most.
cells=(
  "put 4KiB 1 20000"
  "put 4KiB 8 40000"
  "get 4KiB 1 20000"
  "get 4KiB 8 40000"
  "put 1MiB 1 1000"
  "put 1MiB 8 2000"
  "get 1MiB 1 1000"
  "get 1MiB 8 2000"
  "put 64MiB 1 10"
  "put 64MiB 8 24"
  "get 64MiB 1 10"
  "get 64MiB 8 24"
  "mpu 1GiB 8 3"
  "get 1GiB 8 5 --ranged"
)

stamp="$(date +%Y%m%d-%H%M%S)"
tsv="$root/bench/target/s3-compare-$stamp.tsv"
table="$root/bench/target/s3-compare-$stamp.txt"
work="$(mktemp -d "${TMPDIR:-/tmp}/s3-compare.XXXXXX")"
started=()
load_pid=""
declare -a node_pid node_port
api_pid=""
bench_name=s3-compare
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

stop_started() {
  local pid i
  for pid in "${started[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  started=()
}
cleanup() {
  if [ -n "$load_pid" ]; then kill "$load_pid" 2>/dev/null || true; fi
  stop_started
  stop_cluster
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_ready PID PORT: 0 once the port answers HTTP, 1 if the process exits first, 2 on timeout.
wait_ready() {
  local pid="$1" port="$2" deadline=$((SECONDS + start_timeout))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && return 0
    sleep 0.5
  done
  return 2
}

ensure_tools() {
  if ! "$java" -cp "$jar" io.granary.bench.load.S3Load --help 2>&1 | grep -q -- --payload; then
    log "building $jar"
    mvn -B -q -pl bench -am package -DskipTests >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  fi
  if [ ! -f "$s3proxy_jar" ]; then
    log "fetching s3proxy 4.1.0 from Maven Central"
    mvn -B -q -N dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
      -DoutputDirectory="$root/bench/target/s3proxy" >"$work/fetch.log" 2>&1 || { cat "$work/fetch.log" >&2; exit 1; }
  fi
}

# Sets s3proxy_port, s3proxy_pid and s3proxy_status; the comparison needs s3proxy, so failing to start ends the run.
start_s3proxy() {
  s3proxy_port="$(free_port)"
  mkdir -p "$work/s3proxy-data"
  cat >"$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$s3proxy_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$GRANARY_ACCESS_KEY
s3proxy.credential=$GRANARY_SECRET_KEY
jclouds.provider=filesystem
jclouds.identity=$GRANARY_ACCESS_KEY
jclouds.credential=$GRANARY_SECRET_KEY
jclouds.filesystem.basedir=$work/s3proxy-data
EOF
  LOG_LEVEL=warn setsid "$java" -jar "$s3proxy_jar" --properties "$work/s3proxy.properties" \
    >"$work/s3proxy.log" 2>&1 &
  s3proxy_pid=$!
  started+=("$s3proxy_pid")
  if ! wait_ready "$s3proxy_pid" "$s3proxy_port"; then
    cat "$work/s3proxy.log" >&2
    log "s3proxy did not start"
    exit 1
  fi
  s3proxy_status="running (pid $s3proxy_pid, port $s3proxy_port)"
}

# Sets granary_port, granary_pid and granary_status; granary_pid stays empty when Granary is not available.
start_granary() {
  local rc=0
  granary_port="$(free_port)"
  mkdir -p "$work/granary-data"
  setsid "$root/bin/granary" server --data-dir "$work/granary-data" --listen "127.0.0.1:$granary_port" \
    >"$work/granary.log" 2>&1 &
  granary_pid=$!
  started+=("$granary_pid")
  wait_ready "$granary_pid" "$granary_port" || rc=$?
  if [ "$rc" = 0 ]; then
    granary_status="running (pid $granary_pid, port $granary_port)"
    return 0
  fi
  if [ "$rc" = 1 ]; then
    rc=0
    wait "$granary_pid" || rc=$?
    if [ "$rc" = 3 ] && grep -q "not built yet" "$work/granary.log"; then
      granary_status="not available (server role not built yet, exit 3)"
    else
      granary_status="not available (exited with $rc: $(tail -n 1 "$work/granary.log"))"
    fi
  else
    granary_status="not available (no answer within ${start_timeout}s)"
    kill -TERM -- "-$granary_pid" 2>/dev/null || true
  fi
  granary_pid=""
  log "Granary $granary_status"
}

# Runs the load tool in the background and waits for it, so that a signal reaches the trap at once.
run_cell() {
  local server="$1" port="$2" pid="$3" op="$4" size="$5" clients="$6" count="$7" rc=0
  shift 7
  log "$server: $op $size x$clients $*"
  "$java" -Xmx2g -cp "$jar" io.granary.bench.load.S3Load --endpoint "http://127.0.0.1:$port" \
    --label "$server" --server-pid "$pid" --op "$op" --size "$size" --clients "$clients" --count "$count" \
    --duration "$duration" --warmup "$warmup" --part-size 16MiB --payload "$payload" --tsv "$tsv" "$@" \
    >>"$work/runs.txt" 2>"$work/run.err" &
  load_pid=$!
  wait "$load_pid" || rc=$?
  load_pid=""
  if [ "$rc" != 0 ]; then
    log "$server: $op $size x$clients failed: $(tail -n 1 "$work/run.err")"
  fi
}

# One line per cell: the two servers' throughput, their ratio, ops/s, latency and server CPU per GiB.
print_table() {
  awk -F'\t' -v granary="$granary_status" -v s3proxy="$s3proxy_status" -v cluster="$cluster_status" \
    -v cells="$1" '
    NR > 1 { key = $2 "\t" $3 "\t" $4; mib[$1, key] = $7; ops[$1, key] = $8; p50[$1, key] = $9
             p99[$1, key] = $10; cpu[$1, key] = $11 }
    function v(a, s, k) { return ((s, k) in a) ? a[s, k] : "-" }
    END {
      printf "Granary: %s\ns3proxy 4.1.0 (filesystem): %s\n", granary, s3proxy
      if (cluster != "") printf "Granary 7-process cluster (C): %s\n", cluster
      printf "\n"
      fmt = "%-10s %-6s %3s | %9s %9s %6s | %8s %8s | %17s %17s | %8s %8s"
      cfmt = " | %9s %6s %8s"
      printf fmt, "op", "size", "cl", "G MiB/s", "S MiB/s", "G/S", "G ops/s", "S ops/s",
             "G p50/p99 ms", "S p50/p99 ms", "G cpu", "S cpu"
      if (cluster != "") printf cfmt, "C MiB/s", "C/G", "C cpu"
      printf "\n"
      n = split(cells, list, "\n")
      for (i = 1; i <= n; i++) {
        k = list[i]; split(k, c, "\t")
        g = v(mib, "granary", k); s = v(mib, "s3proxy", k)
        ratio = (g != "-" && s != "-" && s + 0 > 0) ? sprintf("%.2f", g / s) : "-"
        printf fmt, c[1], c[2], c[3], g, s, ratio, v(ops, "granary", k), v(ops, "s3proxy", k),
               v(p50, "granary", k) "/" v(p99, "granary", k), v(p50, "s3proxy", k) "/" v(p99, "s3proxy", k),
               v(cpu, "granary", k), v(cpu, "s3proxy", k)
        if (cluster != "") {
          cm = v(mib, "cluster", k)
          cg = (cm != "-" && g != "-" && g + 0 > 0) ? sprintf("%.2f", cm / g) : "-"
          printf cfmt, cm, cg, v(cpu, "cluster", k)
        }
        printf "\n"
      }
      printf "\nMiB/s and ops/s: payload moved over wall time; p50/p99: per request (per part or range for mpu\n"
      printf "and get-ranged); cpu: server CPU-seconds (user+system) per GiB moved; G/S: Granary / s3proxy;\n"
      printf "C/G: cluster / embedded Granary.\n"
    }' "$tsv"
}

ensure_tools
selected=()
for cell in "${cells[@]}"; do
  read -r op size clients _ extra <<<"$cell"
  name="$op"
  [ "${extra:-}" = "--ranged" ] && name="get-ranged"
  if [[ "$name/$size/$clients" =~ $only ]]; then
    selected+=("$cell")
  fi
done
[ "${#selected[@]}" -gt 0 ] || { log "no cell matches S3_COMPARE_ONLY='$only'"; exit 2; }

s3proxy_pid="" granary_pid="" s3proxy_status="" granary_status="" cluster_status=""
start_granary
start_s3proxy
if [ "$with_cluster" = 1 ]; then
  start_cluster
  cluster_status="running (API node pid $api_pid, port $api_port; data nodes ${node_pid[*]:1})"
fi
log "Granary: $granary_status; s3proxy: $s3proxy_status; ${#selected[@]} cells, ${duration}s each; TSV: $tsv"

keys=""
for cell in "${selected[@]}"; do
  read -r op size clients count extra <<<"$cell"
  name="$op"
  [ "${extra:-}" = "--ranged" ] && name="get-ranged"
  keys+="$name"$'\t'"$size"$'\t'"$clients"$'\n'
  if [ -n "$granary_pid" ]; then
    # shellcheck disable=SC2086 # extra is a list of options
    run_cell granary "$granary_port" "$granary_pid" "$op" "$size" "$clients" "$count" $extra
  fi
  # shellcheck disable=SC2086
  run_cell s3proxy "$s3proxy_port" "$s3proxy_pid" "$op" "$size" "$clients" "$count" $extra
  if [ -n "$cluster_status" ]; then
    # shellcheck disable=SC2086
    run_cell cluster "$api_port" "${cluster_pids// /,}" "$op" "$size" "$clients" "$count" $extra
  fi
done

{
  echo "S3 side by side, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: ${S3_COMPARE_ONLY:+S3_COMPARE_ONLY='$only' }S3_COMPARE_DURATION=$duration" \
    "S3_COMPARE_WARMUP=$warmup S3_COMPARE_PAYLOAD=$payload S3_COMPARE_CLUSTER=$with_cluster bench/s3-compare.sh"
  if [ -f "$tsv" ]; then print_table "${keys%$'\n'}"; else echo "no cell produced a result"; fi
} | tee "$table"
log "saved $table and $tsv"
