#!/usr/bin/env bash
# CPU profile of Granary under the load tool: starts the embedded server (or, with PROFILE_TARGET=cluster, the
# 7-process cluster), and for each cell records JFR (settings=profile) over the timed run only, then writes a flame
# summary (samples by thread pool, self and inclusive frames; bench/flame-summary.py) to
# bench/profiles/LABEL-op-size-clients.txt, headed by the load tool's result line.
#
# Environment (all optional):
#   PROFILE_LABEL     file name prefix (default: the current commit's short hash)
#   PROFILE_TARGET    embedded | cluster (embedded)
#   PROFILE_CELLS     cells "op:size:clients:count", space-separated (put:4KiB:8:4000 put:64MiB:1:8 get:64MiB:1:16)
#   PROFILE_DURATION  seconds per cell (8); PROFILE_PAYLOAD: the load tool's --payload (unsigned)
#   PROFILE_JDK       JDK for the servers, the load tool and jcmd/jfr (default $JAVA_HOME; JDK 25 samples more
#                     reliably); the build runs with the JAVA_HOME Maven is set up for
# Starts only its own processes, stops exactly those, listens on 127.0.0.1 only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench_name=profile
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar="bench/target/benchmarks.jar"
label="${PROFILE_LABEL:-$(git rev-parse --short HEAD)}"
target="${PROFILE_TARGET:-embedded}"
cells="${PROFILE_CELLS:-put:4KiB:8:4000 put:64MiB:1:8 get:64MiB:1:16}"
duration="${PROFILE_DURATION:-8}"
payload="${PROFILE_PAYLOAD:-unsigned}"
export GRANARY_ACCESS_KEY="${GRANARY_ACCESS_KEY:-profile}"
export GRANARY_SECRET_KEY="${GRANARY_SECRET_KEY:-profile-secret-key-0123456789}"
work="$(mktemp -d "${TMPDIR:-/tmp}/profile.XXXXXX")"
declare -a node_pid node_port
embedded_pid="" api_pid=""
cleanup() {
  [ -n "$embedded_pid" ] && stop_pid "$embedded_pid"
  stop_cluster
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mvn -B -q -o -pl api-node,bench -am package -DskipTests -Dcheckstyle.skip >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
[ -n "${PROFILE_JDK:-}" ] && export JAVA_HOME="$PROFILE_JDK"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
# JDK 25 samples CPU time of every thread, native frames included (fsync, open); older JDKs Java frames only.
jfr_options=""
if "$java" -version 2>&1 | grep -q 'version "2[5-9]'; then
  jfr_options="jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=2ms"
fi
if [ "$target" = cluster ]; then
  start_cluster
  port="$api_port" pid="$api_pid"
else
  start_embedded "$work/embedded"
  port="$embedded_port" pid="$embedded_pid"
fi
mkdir -p bench/profiles
for cell in $cells; do
  IFS=: read -r op size clients count <<<"$cell"
  name="$label-$target-$payload-$op-$size-x$clients"
  # GET cells read what a short PUT run left (the load tool's GET prepares its own objects).
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "http://127.0.0.1:$port" --op "$op" --size "$size" \
    --clients "$clients" --count "$count" --duration 2 --payload "$payload" >/dev/null 2>&1 || true
  "$jcmd" "$pid" JFR.start name="$name" settings=profile $jfr_options >/dev/null
  "$java" -cp "$jar" io.granary.bench.load.S3Load --endpoint "http://127.0.0.1:$port" --op "$op" --size "$size" \
    --clients "$clients" --count "$count" --duration "$duration" --payload "$payload" --server-pid "$pid" \
    --label "$name" >"$work/$name.result" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  "$jcmd" "$pid" JFR.stop name="$name" filename="$work/$name.jfr" >/dev/null
  { cat "$work/$name.result"; echo; python3 bench/flame-summary.py "$work/$name.jfr" 30; } >"bench/profiles/$name.txt"
  log "wrote bench/profiles/$name.txt"
done
