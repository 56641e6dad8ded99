#!/usr/bin/env bash
# The compose cluster run for real (issue 22): docker/cluster.sh brings it up from nothing, the aws
# CLI writes a 50 MiB multipart object and a tree of small files through 127.0.0.1, two data-node
# containers are killed and everything reads back bit-exact, one comes back with its disk and one on
# an emptied volume, `granary admin heal --wait` rebuilds what is missing until status is clean, the
# API node container restarts and still finds every object, and it all goes down with its volumes.
#
#   docker/cluster-test.sh        (.ci/run calls it after `mvn -B verify`; the jar that built is reused)
#
# Its own compose project, image tag and credentials, so it never touches a user's cluster; the S3
# and metrics ports (CLUSTER_TEST_S3_PORT / CLUSTER_TEST_METRICS_PORT, default 9000 / 9001) must be
# free, or it refuses to start. Containers, networks, volumes and the image go whatever happens.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cluster="$repo/docker/cluster.sh"
granary="$repo/bin/granary"

export GRANARY_PROJECT="granary-ctest-$$"
export GRANARY_IMAGE="localhost/granary-ctest:$$"
export GRANARY_S3_PORT="${CLUSTER_TEST_S3_PORT:-9000}" GRANARY_METRICS_PORT="${CLUSTER_TEST_METRICS_PORT:-9001}"
export GRANARY_ACCESS_KEY="ctest-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GRANARY_SECRET_KEY="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
# The aws CLI sees only these credentials, never a user's profile.
export AWS_ACCESS_KEY_ID="$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$GRANARY_SECRET_KEY"
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true
endpoint="http://127.0.0.1:$GRANARY_S3_PORT"
bucket="cluster-test"

work="$(mktemp -d)"
phases=()
test_start=$(date +%s%N)
phase_start=$test_start
up=

fail() { echo "cluster-test: FAIL: $*" >&2; exit 1; }
log() { echo "cluster-test: $*"; }
s3() { timeout 300 aws --endpoint-url "$endpoint" s3 "$@"; }
s3api() { timeout 120 aws --endpoint-url "$endpoint" s3api "$@"; }
admin() { timeout 600 "$granary" admin --endpoint "$endpoint" "$@"; }
elapsed() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
phase_done() {
  local took
  took="$(elapsed "$phase_start")"
  phases+=("$(printf '%-44s %7s s' "$1" "$took")")
  log "phase done: $1 ($took s)"
  phase_start=$(date +%s%N)
}
# The value at a Python expression over `granary admin status --json` (s is the parsed answer).
status_value() { admin status --json | python3 -c "import json, sys; s = json.load(sys.stdin); print($1)"; }

# Whatever happened: everything of this project goes (the cluster's own down first, then anything
# left by label), the test image, the work directory; then the phase times.
cleanup() {
  local rc=$?
  set +e
  if [ -n "$up" ]; then
    [ $rc -ne 0 ] && { log "cluster state at failure:"; "$cluster" status; "$cluster" logs api-node --tail 60; } >&2
    "$cluster" down --volumes >/dev/null 2>&1
  fi
  local engine label
  engine="$("$cluster" engine)"
  label="label=com.docker.compose.project=$GRANARY_PROJECT"
  "$engine" ps -aq --filter "$label" | xargs -r "$engine" rm -f >/dev/null 2>&1
  "$engine" volume ls -q --filter "$label" | xargs -r "$engine" volume rm -f >/dev/null 2>&1
  "$engine" network ls -q --filter "$label" | xargs -r "$engine" network rm -f >/dev/null 2>&1
  "$engine" rmi -f "$GRANARY_IMAGE" >/dev/null 2>&1
  local left
  left="$("$engine" ps -aq --filter "$label")$("$engine" volume ls -q --filter "$label")$("$engine" network ls -q --filter "$label")"
  [ -z "$left" ] || { echo "cluster-test: FAIL: left behind: $left" >&2; rc=1; }
  rm -rf "$work"
  echo
  echo "cluster-test phase times:"
  printf '  %s\n' "${phases[@]}"
  printf '  %-44s %7s s\n' total "$(elapsed "$test_start")"
  if [ $rc -eq 0 ]; then echo "cluster-test: PASS"; else echo "cluster-test: FAIL (exit $rc)"; fi
  exit $rc
}
trap cleanup EXIT
# Interrupted (Ctrl-C, a CI timeout): exit, which runs the cleanup.
trap 'exit 130' INT TERM

for port in "$GRANARY_S3_PORT" "$GRANARY_METRICS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "127.0.0.1:$port is in use (a cluster already running?); set CLUSTER_TEST_S3_PORT / CLUSTER_TEST_METRICS_PORT"
  fi
done
command -v aws >/dev/null || fail "the aws CLI is not installed"

# The payload: one object above the CLI's 8 MiB multipart threshold, a tree of small files of
# assorted sizes (one byte to 100 KiB) with nested prefixes and awkward names.
mkdir -p "$work/up/tree/a/b/c" "$work/up/tree/empty-ish" "$work/up/tree/names"
head -c $((50 * 1024 * 1024)) /dev/urandom >"$work/up/big.bin"
for i in $(seq 1 40); do
  dir=$(( i % 3 )); case $dir in 0) d=tree ;; 1) d=tree/a/b ;; *) d=tree/a/b/c ;; esac
  head -c $(( (i * 2579) % 102400 + 1 )) /dev/urandom >"$work/up/$d/file-$i.dat"
done
echo -n x >"$work/up/tree/empty-ish/one-byte"
echo "spaces and é" >"$work/up/tree/names/with space & é.txt"
small_count=$(find "$work/up/tree" -type f | wc -l)
phase_done "payload made (50 MiB + $small_count small files)"

up=1
"$cluster" up
phase_done "cluster up from a clean state"

s3 mb "s3://$bucket" >/dev/null
s3 cp "$work/up/big.bin" "s3://$bucket/big.bin" --only-show-errors
s3 cp "$work/up/tree" "s3://$bucket/tree/" --recursive --only-show-errors
etag="$(s3api head-object --bucket "$bucket" --key big.bin --query ETag --output text)"
[[ "$etag" == *-7\" ]] || fail "big.bin was not stored as a 7-part multipart upload: ETag $etag"
phase_done "uploaded through $endpoint (multipart ETag $etag)"

# Every object read back and compared byte for byte with what was sent.
read_back() {
  rm -rf "$work/down"
  s3 cp "s3://$bucket/big.bin" "$work/down/big.bin" --only-show-errors
  s3 cp "s3://$bucket/tree/" "$work/down/tree" --recursive --only-show-errors
  cmp "$work/up/big.bin" "$work/down/big.bin" || fail "big.bin differs ($1)"
  diff -r "$work/up/tree" "$work/down/tree" >/dev/null || fail "the small files differ ($1)"
  [ "$(find "$work/down/tree" -type f | wc -l)" -eq "$small_count" ] || fail "small files missing ($1)"
}

node5_shards() { status_value "[n['shardCount'] for n in s['nodes'] if n['id'] == 'node-5'][0]"; }
# Shards rebuilt so far (the API node's counter, summed over its series).
healed_shards() {
  curl -s "http://127.0.0.1:$GRANARY_METRICS_PORT/metrics" \
    | awk '/^granary_heal_shards_total/ { sum += $NF } END { printf "%d\n", sum }'
}
# Clean: no degraded object, an empty heal queue.
clean() { [ "$(status_value "s['objects']['degraded'] + s['healQueue']")" = 0 ]; }
# Two nodes may be lost once every object has all six shards. A write acknowledged while a node looked
# offline (a slow start on a loaded machine: 5 of 6 shards, the write quorum) must be rebuilt first, so,
# as an administrator would before taking nodes away, a full heal and then a clean status. (The heal
# worker alone did not always get there: a CI run on 2026-12-07 was left with one degraded object and an
# empty heal queue; see docs/failure-tests.md.)
admin heal --wait || log "the heal before the kill did not end clean"
deadline=$((SECONDS + 120))
until clean; do
  [ $SECONDS -lt $deadline ] || fail "not fully redundant 120 s after the upload: $(admin status)"
  sleep 1
done
phase_done "fully redundant: no degraded object, empty heal queue"
shards_initial="$(node5_shards)"
healed_before="$(healed_shards)"
[ "$shards_initial" -gt 0 ] || fail "node-5 holds no shards before the test kills it"

"$cluster" kill data-2
"$cluster" kill data-5
read_back "two data nodes killed"
phase_done "data-2 and data-5 killed, all read back bit-exact"

# data-2 returns with its disk, data-5 on an emptied volume (a replaced disk).
"$cluster" start data-2
"$cluster" wipe data-5
deadline=$((SECONDS + 60))
until [ "$(status_value "sum(n['state'] == 'ONLINE' for n in s['nodes'])")" = 6 ]; do
  [ $SECONDS -lt $deadline ] || fail "the API node does not see six data nodes online: $(admin status)"
  sleep 1
done
# The heal worker may already be rebuilding node-5 (tasks waiting for it are released as soon as it is
# back), so the emptied volume is proven after the heal: every one of its shards counted as rebuilt.
phase_done "data-2 started, data-5 on an empty volume (node-5 back with $(node5_shards) of $shards_initial shards)"

# Until clean. The background worker drains the queue on its own, so each full heal is followed by up to
# 30 s of polling before the next one. At least one pass: until something reads node-5, the metadata does
# not know its shards are gone.
passes=0
deadline=$((SECONDS + 300))
while true; do
  passes=$((passes + 1))
  admin heal --wait || log "heal pass $passes did not end clean"
  poll_until=$((SECONDS + 30))
  until clean || [ $SECONDS -ge $poll_until ]; do sleep 1; done
  clean && break
  [ $SECONDS -lt $deadline ] || fail "not clean after $passes heal passes: $(admin status --json)"
done
shards_after="$(node5_shards)"
[ "$shards_after" -ge "$shards_initial" ] || fail "node-5 holds $shards_after shards after heal, not $shards_initial"
rebuilt=$(( $(healed_shards) - healed_before ))
[ "$rebuilt" -ge "$shards_initial" ] || fail "only $rebuilt shards rebuilt: node-5's $shards_initial were not all lost"
admin status
phase_done "heal --wait until clean ($passes passes, node-5: $shards_after shards, $rebuilt rebuilt)"

"$cluster" restart api-node
listed="$(s3 ls "s3://$bucket/" --recursive | wc -l)"
[ "$listed" -eq $((small_count + 1)) ] || fail "after the API node restart $listed objects are listed, not $((small_count + 1))"
read_back "after the API node restart"
phase_done "API node restarted, every object found"

"$cluster" down --volumes
up=
phase_done "down, volumes removed"
