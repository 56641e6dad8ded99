#!/usr/bin/env bash
# Webhook notifications (issue 19), same run: PUT throughput into a bucket with one webhook configured against one
# without (compare_buckets in lib.sh: rounds alternate the order), then the delivery rate of a backlog to one local
# receiver (WebhookSink): WEBHOOK_BACKLOG events are refused by the receiver (400: straight to the dead letters),
# then replayed with the receiver accepting, and timed until the queue is empty. Every run is bounded by a count
# and a time. Usage: bench/webhook-put.sh   (WEBHOOK_PUT_DURATION seconds per run, default 10; WEBHOOK_PUT_WARMUP
# seconds of untimed PUTs into each bucket first, default 15)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
duration="${WEBHOOK_PUT_DURATION:-10}"
warmup="${WEBHOOK_PUT_WARMUP:-15}"
rounds="${WEBHOOK_PUT_ROUNDS:-4}"
backlog="${WEBHOOK_BACKLOG:-10000}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-whbench}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-whbench-secret-key-0123456789abcdef}"
work="$(mktemp -d "${TMPDIR:-/tmp}/webhook-put.XXXXXX")"
tsv="$root/bench/target/webhook-put-$(date +%Y%m%d-%H%M%S).tsv"
bench_name=webhook-put
. "$root/bench/lib.sh"
secret="whbench-receiver-secret-0123456789"

[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
start_embedded "$work/data"
sink_port="$(free_port)"
setsid "$java" -cp "$jar" io.granary.bench.load.WebhookSink --port "$sink_port" --secret "$secret" \
  >"$work/sink.log" 2>&1 &
sink_pid=$!
trap 'kill -TERM -- "-$embedded_pid" 2>/dev/null || true; kill -TERM -- "-$sink_pid" 2>/dev/null || true' EXIT
wait_line "$work/sink.log" "listening" "$sink_pid"
endpoint="http://127.0.0.1:$embedded_port"
export AWS_ACCESS_KEY_ID="$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$GRANARY_SECRET_KEY" AWS_DEFAULT_REGION=us-east-1
admin() { "$root/bin/granary" admin --endpoint "$endpoint" "$@"; }
printf '%s' "$secret" >"$work/secret"
arn="$(admin webhook add sink --url "http://127.0.0.1:$sink_port/events" --secret-file "$work/secret" --json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["arn"])')"
aws --endpoint-url "$endpoint" s3api create-bucket --bucket plain >/dev/null
aws --endpoint-url "$endpoint" s3api create-bucket --bucket hooked >/dev/null
aws --endpoint-url "$endpoint" s3api put-bucket-notification-configuration --bucket hooked \
  --notification-configuration "{\"QueueConfigurations\":[{\"QueueArn\":\"$arn\",\"Events\":[\"s3:ObjectCreated:*\"]}]}"
queued() { admin webhook status sink --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["queued"])'; }

# Warm both paths (JIT, pools) before anything is timed: the first 5-second runs of a fresh server swung by 30 %.
for bucket in plain hooked; do
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --bucket "$bucket" --op put --size 4KiB \
    --clients 8 --count 20000 --duration "$warmup" --label warmup >/dev/null
done
compare_buckets plain hooked "put 4KiB 8 40000" "put 4KiB 1 20000"

# The backlog: refused, so it waits in the dead letters, then replayed at once.
wait_until() { # wait_until SECONDS COMMAND...: COMMAND every 20 ms until it succeeds, for at most SECONDS
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || { log "timed out waiting for: $*"; exit 1; }
    sleep 0.02
  done
}
drained() { [ "$(queued)" = 0 ]; }
sink_count() { curl -fsS "http://127.0.0.1:$sink_port/count" | cut -d' ' -f1; }
sink_reached() { [ "$(sink_count)" -ge "$1" ]; }
wait_until 600 drained
curl -fsS -X PUT "http://127.0.0.1:$sink_port/status/400" >/dev/null
"$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "$endpoint" --bucket hooked --op put --size 4KiB \
  --clients 8 --count "$backlog" --duration 600 --label backlog --tsv "$work/backlog.tsv" >/dev/null
wait_until 600 drained
curl -fsS -X PUT "http://127.0.0.1:$sink_port/status/204" >/dev/null
before="$(sink_count)"
admin webhook replay sink --json >"$work/replay.json" &
replay_pid=$!
# The rate of delivery proper: from the first replayed event's arrival to the last one's (polled every 20 ms), so
# the admin CLI's JVM start and the replay's own batch do not count.
wait_until 600 sink_reached $((before + 1))
first="$(date +%s.%N)"
first_count="$(sink_count)"
wait "$replay_pid"
replayed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["replayed"])' "$work/replay.json")"
until sink_reached $((before + replayed)); do sleep 0.02; done
last="$(date +%s.%N)"
read -r accepted bad <<<"$(curl -fsS "http://127.0.0.1:$sink_port/count")"
awk -v n="$((before + replayed - first_count))" -v s="$first" -v e="$last" -v bad="$bad" -v total="$accepted" \
  -v replayed="$replayed" 'BEGIN {
  printf "delivery of a backlog of %d events to one local receiver (the receiver verifying every signature, on the\n", replayed
  printf "same 2 cores): %.0f events/s (%d events in %.2f s after the first); %d accepted in all, %d bad signatures\n",
    n / (e - s), n, e - s, total, bad }'
