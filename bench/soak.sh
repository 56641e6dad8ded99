#!/usr/bin/env bash
# Soak under faults (issue 17): 64 clients of mixed PUT/multipart/GET/ranged GET/LIST/DELETE, 4 KiB-64 MiB,
# against a seven-process cluster (six data nodes, one API node) on loopback, while a data node is killed and
# restarted every 60 s and another is emptied once and healed. Prints the report table (errors, wrong bytes,
# p50/p99 per operation, the API node's max heap and RSS, open files at start and end, heal time); exits 1 when
# anything failed or read wrong. The short version runs in mvn verify as SoakIT.
# Usage: bench/soak.sh [--minutes N | --brief]   (default 10 minutes; --brief is SoakIT's short run)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p bench/target
classpath="$root/bench/target/soak.classpath"
mvn -B -q -pl api-node -am test-compile dependency:build-classpath -DskipTests -Dcheckstyle.skip \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >bench/target/soak-build.log 2>&1 \
  || { cat bench/target/soak-build.log >&2; exit 1; }
cp="$root/api-node/target/test-classes:$root/api-node/target/classes:$(cat "$classpath")"
exec "$java" --add-modules jdk.incubator.vector -Xmx2g -cp "$cp" io.granary.api.it.soak.SoakMain "$@"
