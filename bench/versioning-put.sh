#!/usr/bin/env bash
# PUT throughput on a versioned and an unversioned bucket of the same embedded server, same run (issue 16:
# versioned >= 0.9x unversioned). Each cell runs VERSIONING_PUT_ROUNDS rounds (default 4), each round both
# buckets one after the other, the order swapped every round, so warm-up and the shared machine's drift fall on
# both alike (compare_buckets in lib.sh); every run is bounded by a count and a time.
# Usage: bench/versioning-put.sh   (VERSIONING_PUT_DURATION seconds per run, default 5)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
duration="${VERSIONING_PUT_DURATION:-5}"
rounds="${VERSIONING_PUT_ROUNDS:-4}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-vbench}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-vbench-secret-key-0123456789abcdef}"
work="$(mktemp -d "${TMPDIR:-/tmp}/versioning-put.XXXXXX")"
tsv="$root/bench/target/versioning-put-$(date +%Y%m%d-%H%M%S).tsv"
bench_name=versioning-put
. "$root/bench/lib.sh"

[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
start_embedded "$work/data"
trap 'kill -TERM -- "-$embedded_pid" 2>/dev/null || true' EXIT
endpoint="http://127.0.0.1:$embedded_port"
export AWS_ACCESS_KEY_ID="$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$GRANARY_SECRET_KEY" AWS_DEFAULT_REGION=us-east-1
aws --endpoint-url "$endpoint" s3api create-bucket --bucket versioned >/dev/null
aws --endpoint-url "$endpoint" s3api put-bucket-versioning --bucket versioned \
  --versioning-configuration Status=Enabled
aws --endpoint-url "$endpoint" s3api create-bucket --bucket plain >/dev/null

compare_buckets plain versioned "put 4KiB 1 20000" "put 4KiB 8 40000" "put 1MiB 1 1000" "put 1MiB 8 2000"
