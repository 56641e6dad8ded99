# Shell functions shared by the bench scripts (sourced, not run): free ports, waiting for a process to say it
# listens, stopping exactly the processes a script started, and starting Granary embedded or as a 7-process
# cluster (six `granary data-node` processes and one `granary api-node`) on 127.0.0.1.
#
# The caller sets: root (repository), work (a scratch directory), bench_name (log prefix), and may set
# GRANARY_JAVA_OPTS (JVM flags for every Granary process). Processes are started each in its own session
# (setsid) so that stop_pid ends a process and its children and nothing else.

log() { echo "${bench_name:-bench}: $*" >&2; }

free_port() {
  local port _
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# stop_pid PID: SIGTERM to the process group, up to 10 s grace, then SIGKILL.
stop_pid() {
  local pid="$1" i
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# wait_line FILE PATTERN PID: returns once FILE holds PATTERN; exits the script if PID ends or 300 s pass.
wait_line() {
  local deadline=$((SECONDS + 300))
  until grep -q "$2" "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { cat "$1" >&2; log "process $3 exited"; exit 1; }
    ((SECONDS < deadline)) || { cat "$1" >&2; log "timed out waiting for '$2'"; exit 1; }
    sleep 0.2
  done
}

# start_embedded DIR [OPTION...]: `granary server` on a free port; sets embedded_pid and embedded_port.
start_embedded() {
  local dir="$1"
  shift
  embedded_port="$(free_port)"
  mkdir -p "$dir"
  setsid "$root/bin/granary" server --data-dir "$dir" --listen "127.0.0.1:$embedded_port" --metrics-listen off "$@" \
    >"$dir.log" 2>&1 &
  embedded_pid=$!
  wait_line "$dir.log" "listening" "$embedded_pid"
}

# start_data_node I: data node I (1..6) of the cluster under $work/cluster, on node_port[I]; sets node_pid[I].
start_data_node() {
  local i="$1"
  setsid "$root/bin/granary" data-node --data-dir "$work/cluster/node-$i" --listen "127.0.0.1:${node_port[$i]}" \
    --cluster-secret-file "$work/cluster/secret" >"$work/cluster/node-$i.log" 2>&1 &
  node_pid[$i]=$!
  wait_line "$work/cluster/node-$i.log" "listening" "${node_pid[$i]}"
}

# start_cluster: six data nodes and an API node under $work/cluster; sets node_pid[1..6], node_port[1..6],
# api_pid and api_port. cluster_pids lists every PID, API node first.
start_cluster() {
  local i urls=()
  mkdir -p "$work/cluster"
  head -c 32 /dev/urandom | base64 >"$work/cluster/secret"
  chmod 600 "$work/cluster/secret"
  for i in 1 2 3 4 5 6; do
    node_port[$i]="$(free_port)"
    urls+=("http://127.0.0.1:${node_port[$i]}")
    start_data_node "$i"
  done
  api_port="$(free_port)"
  setsid "$root/bin/granary" api-node --data-dir "$work/cluster/api" --listen "127.0.0.1:$api_port" \
    --metrics-listen off --data-nodes "$(IFS=,; echo "${urls[*]}")" \
    --cluster-secret-file "$work/cluster/secret" >"$work/cluster/api.log" 2>&1 &
  api_pid=$!
  wait_line "$work/cluster/api.log" "listening" "$api_pid"
  cluster_pids="$api_pid ${node_pid[*]:1}"
}

# stop_cluster: stops the API node, then the data nodes.
stop_cluster() {
  local i
  [ -n "${api_pid:-}" ] && stop_pid "$api_pid"
  api_pid=""
  for i in 1 2 3 4 5 6; do
    [ -n "${node_pid[$i]:-}" ] && stop_pid "${node_pid[$i]}"
    node_pid[$i]=""
  done
}

# compare_buckets A B CELL...: each CELL ("op size clients count") runs $rounds rounds against bucket A and
# bucket B of the embedded server at $endpoint, one after the other, the order swapped every round, so warm-up
# and the shared machine's drift fall on both alike; every run is bounded by count and $duration seconds. Rows
# go to $tsv; prints, per cell, each bucket's ops/s (operations and seconds summed over the rounds) and B/A.
compare_buckets() {
  local a="$1" b="$2" cell op size clients count round bucket order
  shift 2
  for cell in "$@"; do
    read -r op size clients count <<<"$cell"
    for round in $(seq "$rounds"); do
      order="$a $b"
      [ $((round % 2)) -eq 0 ] && order="$b $a"
      for bucket in $order; do
        "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --bucket "$bucket" --op "$op" \
          --size "$size" --clients "$clients" --count "$count" --duration "$duration" --warmup 1 \
          --server-pid "$embedded_pid" --label "$bucket" --tsv "$tsv" >/dev/null
      done
    done
  done
  echo "results: $tsv"
  # label op size clients ops seconds ...: sum ops and seconds per (op, size, clients, bucket).
  awk -F'\t' -v a="$a" -v b="$b" '$1 != "server" {
      cell = $2 " " $3 " x " $4; ops[cell, $1] += $5; secs[cell, $1] += $6
      if (!(cell in seen)) { seen[cell]; order[n++] = cell }
    }
    END {
      printf "%-20s %12s %12s %8s\n", "cell", a " ops/s", b, "ratio"
      for (i = 0; i < n; i++) {
        c = order[i]; p = ops[c, a] / secs[c, a]; v = ops[c, b] / secs[c, b]
        printf "%-20s %12.1f %12.1f %8.2f\n", c, p, v, v / p
      }
    }' "$tsv"
}
