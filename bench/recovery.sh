#!/usr/bin/env bash
# Recovery figures on this machine, one run, loaded with the project's load tool (S3Load) and healed with the
# admin CLI. Part one, a cluster of real processes: six `granary data-node` processes and one `granary api-node`
# on 127.0.0.1.
#
#   1. GET throughput (64 MiB objects) and GET latency (1 MiB objects) with all six nodes up;
#   2. the same with two data nodes killed (kill -9): reads run on parity;
#   3. those two nodes restarted with empty directories (replaced disks), then a full heal
#      (`granary admin heal`) with the 1 MiB GET load running beside it: heal rate and GET p99 during heal;
#   4. the two directories emptied again and healed with no client load: the heal rate on its own.
#
# Part two, the embedded server (`granary server`, one process): steps 1, 3 and 4 with node-2 and node-5's
# directories emptied while it runs (there are no processes to kill).
#
# Environment (all optional): RECOVERY_FILL objects of 64 MiB to heal (64 = 4 GiB), RECOVERY_DURATION seconds
# per load cell (10), RECOVERY_ONLY=cluster|embedded, JAVA_HOME. Starts only its own processes, stops exactly
# those, listens on 127.0.0.1 only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
fill="${RECOVERY_FILL:-64}"
duration="${RECOVERY_DURATION:-10}"
only="${RECOVERY_ONLY:-}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-recovery}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-recovery-secret-key-0123456789}"
stamp="$(date +%Y%m%d-%H%M%S)"
tsv="$root/bench/target/recovery-$stamp.tsv"
report="$root/bench/target/recovery-$stamp.txt"
work="$(mktemp -d "${TMPDIR:-/tmp}/recovery.XXXXXX")"
declare -a node_pid node_port
api_pid=""
server_pid=""

bench_name=recovery
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
cleanup() {
  local pid
  [ -n "$api_pid" ] && stop_pid "$api_pid"
  [ -n "$server_pid" ] && stop_pid "$server_pid"
  for pid in "${node_pid[@]}"; do [ -n "$pid" ] && stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

empty_node() { # index: kill -9, empty the directory, start again (a replaced disk)
  local i="$1"
  kill -KILL -- "-${node_pid[$i]}" 2>/dev/null || true
  wait "${node_pid[$i]}" 2>/dev/null || true
  rm -rf "$work/cluster/node-$i"
  start_data_node "$i"
}

load() { # label op size clients [extra]
  local label="$1" op="$2" size="$3" clients="$4"
  shift 4
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --label "$label" --op "$op" \
    --size "$size" --clients "$clients" --duration "$duration" --tsv "$tsv" "$@"
}

admin() { bin/granary admin --endpoint "$endpoint" "$@"; }

heal_figures() { # label: waits for the heal started before to end, then reports it
  local deadline=$((SECONDS + 1200))
  until admin heal status >"$work/heal-$1.json" && ! grep -q '"state":"RUNNING"' "$work/heal-$1.json"; do
    ((SECONDS < deadline)) || { log "heal did not end"; exit 1; }
    sleep 1
  done
  cat "$work/heal-$1.json" >&2
  python3 - "$work/heal-$1.json" "$1" >>"$report" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
secs = max(1e-3, (p["finishedMillis"] - p["startedMillis"]) / 1000)
print(f"heal ({sys.argv[2]}): {p['shardsRepaired']} shards, {p['bytes'] / 2**20:.0f} MiB rebuilt in {secs:.1f} s"
      f" = {p['bytes'] / 2**20 / secs:.0f} MiB/s; clean={p['state'] == 'DONE' and p['shardsFailed'] == 0}")
PY
}

mvn -B -q -pl api-node,bench -am package -DskipTests >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
run_cluster() {
  start_cluster
  endpoint="http://127.0.0.1:$api_port"

  log "filling: $fill objects of 64 MiB"
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --label fill --op put --size 64MiB \
    --clients 4 --count "$fill" --duration 600 >/dev/null
  load healthy get 64MiB 4
  load healthy get 1MiB 4

  log "two data nodes down (kill -9 node-2, node-5)"
  for i in 2 5; do kill -KILL -- "-${node_pid[$i]}"; wait "${node_pid[$i]}" 2>/dev/null || true; done
  sleep 3
  load two-down get 64MiB 4
  load two-down get 1MiB 4

  log "node-2 and node-5 back with empty directories; heal beside a GET load"
  for i in 2 5; do rm -rf "$work/cluster/node-$i"; start_data_node "$i"; done
  sleep 3
  admin heal >/dev/null
  load during-heal get 1MiB 4
  heal_figures "beside GET load"

  log "emptied again; heal with no client load"
  for i in 2 5; do empty_node "$i"; done
  sleep 3
  admin heal >/dev/null
  heal_figures "alone"
  stop_cluster
}

run_embedded() {
  local port
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  setsid bin/granary server --data-dir "$work/embedded" --listen "127.0.0.1:$port" --metrics-listen off \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_line "$work/server.log" "listening" "$server_pid"
  log "embedded: filling $fill objects of 64 MiB"
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --label fill --op put --size 64MiB \
    --clients 4 --count "$fill" --duration 600 >/dev/null
  load embedded-healthy get 1MiB 4
  log "embedded: node-2 and node-5 emptied; heal beside a GET load"
  rm -rf "$work/embedded/node-2/"* "$work/embedded/node-5/"*
  admin heal >/dev/null
  load embedded-during-heal get 1MiB 4
  heal_figures "embedded, beside GET load"
  log "embedded: emptied again; heal with no client load"
  rm -rf "$work/embedded/node-2/"* "$work/embedded/node-5/"*
  admin heal >/dev/null
  heal_figures "embedded, alone"
  stop_pid "$server_pid"
  server_pid=""
}

{
  echo "# Recovery run $stamp on $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $("$java" -version 2>&1 | head -1)"
  echo "# six data-node processes + one api-node process on 127.0.0.1; fill $fill x 64 MiB"
} >"$report"
[ "$only" = embedded ] || run_cluster
[ "$only" = cluster ] || run_embedded
column -t -s $'\t' "$tsv" >>"$report"
cat "$report"
log "saved $report"
