#!/usr/bin/env bash
# SSE-S3 against unencrypted, same embedded server, same run (issue 18: 64 MiB PUT and GET >= 0.85x, 4 KiB PUT
# >= 0.9x): one bucket with default encryption AES256, one without, interleaved round by round
# (compare_buckets in lib.sh); every run is bounded by a count and a time.
# Usage: bench/encryption.sh   (ENCRYPTION_DURATION seconds per run, default 5; ENCRYPTION_ROUNDS, default 4)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="bench/target/benchmarks.jar"
duration="${ENCRYPTION_DURATION:-5}"
rounds="${ENCRYPTION_ROUNDS:-4}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-vbench}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-vbench-secret-key-0123456789abcdef}"
work="$(mktemp -d "${TMPDIR:-/tmp}/encryption.XXXXXX")"
tsv="$root/bench/target/encryption-$(date +%Y%m%d-%H%M%S).tsv"
bench_name=encryption
. "$root/bench/lib.sh"

[ -f "$jar" ] || mvn -B -q -pl bench -am package -DskipTests
start_embedded "$work/data"
trap 'kill -TERM -- "-$embedded_pid" 2>/dev/null || true' EXIT
endpoint="http://127.0.0.1:$embedded_port"
export AWS_ACCESS_KEY_ID="$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$GRANARY_SECRET_KEY" AWS_DEFAULT_REGION=us-east-1
aws --endpoint-url "$endpoint" s3api create-bucket --bucket sealed >/dev/null
aws --endpoint-url "$endpoint" s3api put-bucket-encryption --bucket sealed \
  --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
aws --endpoint-url "$endpoint" s3api create-bucket --bucket plain >/dev/null
"$java" -version 2>&1 | head -1 >&2
compare_buckets plain sealed "put 64MiB 1 40" "get 64MiB 1 80" "put 4KiB 1 20000" "put 4KiB 8 40000"
