#!/usr/bin/env bash
# Webhook backlog (issue 19): PUT latency of a bucket without notifications while another bucket's webhook has
# nothing pending, then while it has WEBHOOK_PENDING events pending (default 1,000,000; its receiver answers 503,
# so they stay queued and are retried). The backlog is written by OutboxFill into the stopped server's metadata
# through the store's own put; the control (WEBHOOK_FILL_BUCKET=quiet) writes the same records with no event. Every
# run is bounded by a count and a time.
# Usage: bench/webhook-backlog.sh   (WEBHOOK_BACKLOG_DURATION seconds per run, default 10; WEBHOOK_BACKLOG_ROUNDS 3)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
duration="${WEBHOOK_BACKLOG_DURATION:-10}"
rounds="${WEBHOOK_BACKLOG_ROUNDS:-3}"
pending="${WEBHOOK_PENDING:-1000000}"
# WEBHOOK_FILL_BUCKET=quiet writes the same records into a bucket without notifications: the control run, what a
# million more objects cost the metadata without any event.
fill_bucket="${WEBHOOK_FILL_BUCKET:-hooked}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-whbench}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-whbench-secret-key-0123456789abcdef}"
work="$(mktemp -d "${TMPDIR:-/tmp}/webhook-backlog.XXXXXX")"
tsv="$root/bench/target/webhook-backlog-$(date +%Y%m%d-%H%M%S).tsv"
bench_name=webhook-backlog
. "$root/bench/lib.sh"

[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
sink_port="$(free_port)"
setsid "$java" -cp "$jar" io.granary.bench.load.WebhookSink --port "$sink_port" >"$work/sink.log" 2>&1 &
sink_pid=$!
embedded_pid=
trap 'stop_pid "$sink_pid"; [ -n "$embedded_pid" ] && stop_pid "$embedded_pid"' EXIT
wait_line "$work/sink.log" "listening" "$sink_pid"
export AWS_ACCESS_KEY_ID="$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$GRANARY_SECRET_KEY" AWS_DEFAULT_REGION=us-east-1
admin() { "$root/bin/granary" admin --endpoint "http://127.0.0.1:$embedded_port" "$@"; }
measure() { # measure LABEL: ROUNDS runs of PUT 4 KiB x 8 into bucket plain
  local round
  for round in $(seq "$rounds"); do
    "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "http://127.0.0.1:$embedded_port" --bucket plain \
      --op put --size 4KiB --clients 8 --count 100000 --duration "$duration" --warmup 2 \
      --server-pid "$embedded_pid" --label "$1" --tsv "$tsv" >/dev/null
  done
}

start_embedded "$work/data"
arn="$(admin webhook add sink --url "http://127.0.0.1:$sink_port/events" --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["arn"])')"
aws --endpoint-url "http://127.0.0.1:$embedded_port" s3api create-bucket --bucket plain >/dev/null
aws --endpoint-url "http://127.0.0.1:$embedded_port" s3api create-bucket --bucket hooked >/dev/null
aws --endpoint-url "http://127.0.0.1:$embedded_port" s3api create-bucket --bucket quiet >/dev/null
aws --endpoint-url "http://127.0.0.1:$embedded_port" s3api put-bucket-notification-configuration --bucket hooked \
  --notification-configuration "{\"QueueConfigurations\":[{\"QueueArn\":\"$arn\",\"Events\":[\"s3:ObjectCreated:*\"]}]}"
curl -fsS -X PUT "http://127.0.0.1:$sink_port/status/503" >/dev/null
measure none
stop_pid "$embedded_pid"
"$java" -cp "$jar" io.granary.bench.metadata.OutboxFill --meta "$work/data/meta" --bucket "$fill_bucket" --count "$pending"
start_embedded "$work/data"
log "pending: $(admin webhook status sink --json)"
measure pending
log "pending after: $(admin webhook status sink --json)"
echo "results: $tsv"
awk -F'\t' '$1 != "server" { ops[$1] += $5; secs[$1] += $6; p50[$1] = p50[$1] " " $9; p99[$1] = p99[$1] " " $10 }
  END { for (l in ops) printf "%-8s %8.1f ops/s   p50 ms:%s   p99 ms:%s\n", l, ops[l] / secs[l], p50[l], p99[l] }' "$tsv"
