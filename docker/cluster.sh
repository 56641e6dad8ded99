#!/usr/bin/env bash
# The compose cluster (docker/compose.yaml) on podman or Docker, with or without an image registry.
#
#   docker/cluster.sh up                 build the image, start the cluster, wait until the API answers
#   docker/cluster.sh status             containers with their health, then `granary admin status`
#   docker/cluster.sh logs SERVICE [-f]  a service's log (api-node, data-1 ... data-6, cluster-secret)
#   docker/cluster.sh kill SERVICE       SIGKILL, the machine dies (the restart policy leaves it down)
#   docker/cluster.sh start SERVICE      start a stopped service again
#   docker/cluster.sh restart SERVICE    stop and start (e.g. the API node)
#   docker/cluster.sh wipe SERVICE       replace the service's disk: remove it and its volume, start it empty
#   docker/cluster.sh down [--volumes]   stop and remove the containers (and the data with --volumes)
#   docker/cluster.sh engine             print the engine it uses (podman or docker)
#
# Environment: GRANARY_PROJECT (compose project, default granary), GRANARY_ENGINE (podman | docker;
# default docker when its engine answers and has compose, else podman), GRANARY_BUILD (local: the
# host build's jar on a debootstrapped base image, no registry; registry: Maven inside the image
# build; default local on podman, registry on Docker), GRANARY_IMAGE (granary:local),
# GRANARY_S3_PORT / GRANARY_METRICS_PORT (9000 / 9001 on 127.0.0.1), GRANARY_ACCESS_KEY /
# GRANARY_SECRET_KEY (root credentials; unset, the first start generates them).
# Every podman quirk of this machine kind lives here; docs/containers.md says which and why.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose_file="$repo/docker/compose.yaml"
project="${GRANARY_PROJECT:-granary}"
export GRANARY_IMAGE="${GRANARY_IMAGE:-granary:local}"
export GRANARY_S3_PORT="${GRANARY_S3_PORT:-9000}" GRANARY_METRICS_PORT="${GRANARY_METRICS_PORT:-9001}"
base_image="${GRANARY_BASE_IMAGE:-localhost/granary-base:bookworm}"
endpoint="http://127.0.0.1:$GRANARY_S3_PORT"
data_nodes=(data-1 data-2 data-3 data-4 data-5 data-6)

say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }

pick_engine() {
  engine="${GRANARY_ENGINE:-}"
  if [ -z "$engine" ]; then
    if command -v docker >/dev/null && docker info >/dev/null 2>&1 && docker_compose >/dev/null; then
      engine=docker
    elif command -v podman >/dev/null; then
      engine=podman
    else
      die "neither a Docker engine with compose nor podman is available"
    fi
  fi
  build="${GRANARY_BUILD:-$([ "$engine" = podman ] && echo local || echo registry)}"
  if [ "$engine" = docker ]; then
    read -r -a compose_tool <<<"$(docker_compose)" || die "Docker has no compose (the plugin or docker-compose)"
  fi
  if [ "$engine" = podman ]; then
    command -v podman-compose >/dev/null || die "podman-compose is not installed (apt-get install podman-compose)"
    podman_quirks
  fi
}

# Docker's compose: the v2 plugin (`docker compose`) where installed, else the standalone v1
# `docker-compose` (Debian 12 packages only that one). Prints the command; fails when there is none.
docker_compose() {
  if docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  elif command -v docker-compose >/dev/null && docker-compose version >/dev/null 2>&1; then
    echo "docker-compose"
  else
    return 1
  fi
}

# podman 4.3 on a sandboxed, hybrid cgroup v1 host: setrlimit is refused, so no default ulimits
# (runc applies them and fails); crun refuses the cgroup layout, so runc; no systemd, so the log
# driver is a file and events go to a file. A private containers.conf, unless the caller has one.
podman_quirks() {
  [ -n "${CONTAINERS_CONF:-}" ] && return
  local conf_dir="${XDG_RUNTIME_DIR:-/tmp}/granary-podman-$(id -u)"
  mkdir -p "$conf_dir"
  {
    printf '[containers]\ndefault_ulimits = []\nlog_driver = "k8s-file"\n[engine]\nevents_logger = "file"\n'
    if command -v runc >/dev/null; then printf 'runtime = "runc"\n'; fi
  } >"$conf_dir/containers.conf"
  export CONTAINERS_CONF="$conf_dir/containers.conf"
}

# The compose tool; its chatter (podman-compose prints every podman command, and podman without
# systemd logs an error for every health check timer it cannot create) goes to a log shown on failure.
compose() {
  local log tool=("${compose_tool[@]}")
  # podman-compose 1.0.3 ignores the top-level `name:`, hence -p (for all, so all name it alike).
  if [ "$engine" = podman ]; then tool=(podman-compose); fi
  log="$(mktemp)"
  "${tool[@]}" -p "$project" -f "$compose_file" "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}

# An engine command whose output is shown only when it fails (podman without systemd logs an error
# for every health-check timer it cannot create or remove, on run, start, restart and rm; useradd
# warns that uid 10001 is above the system range).
quietly() {
  local out
  out="$("$engine" "$@" 2>&1)" || { echo "$out" >&2; return 1; }
}

# The container of a service, found by the labels both compose tools set (their names differ).
container() {
  "$engine" ps -a -q --filter "label=com.docker.compose.project=$project" \
    --filter "label=com.docker.compose.service=$1" | head -n 1
}

# healthy | unhealthy | starting | none | exited | missing. podman without systemd never runs health
# checks by itself, so this runs the service's own check; Docker's engine has already run it.
health() {
  local id state
  id="$(container "$1")"
  [ -n "$id" ] || { echo missing; return; }
  state="$("$engine" inspect -f '{{.State.Status}}' "$id")"
  [ "$state" = running ] || { echo "$state"; return; }
  if [ "$engine" = podman ]; then
    "$engine" inspect -f '{{.Config.Healthcheck}}' "$id" | grep -q '^<nil>$' && { echo none; return; }
    if podman healthcheck run "$id" >/dev/null 2>&1; then echo healthy; else echo unhealthy; fi
  else
    "$engine" inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id"
  fi
}

# Waits until every named service is healthy; fails with its log after $2 seconds.
wait_healthy() {
  local timeout="$1" service deadline=$((SECONDS + $1))
  shift
  for service in "$@"; do
    until [ "$(health "$service")" = healthy ]; do
      if [ $SECONDS -ge $deadline ]; then
        "$engine" logs --tail 40 "$(container "$service")" >&2 || true
        die "$service is not healthy after ${timeout}s (its log above)"
      fi
      sleep 1
    done
  done
}

build_image() {
  if [ "$build" = registry ]; then
    say "building $GRANARY_IMAGE (Maven inside the image build)..."
    compose build
    return
  fi
  # bin/granary builds the jar when it is missing or older than the sources.
  "$repo/bin/granary" --version >/dev/null
  "$repo/docker/base-image.sh" --engine "$engine" --tag "$base_image"
  say "building $GRANARY_IMAGE on $base_image from api-node/target..."
  quietly build -q -f "$repo/docker/Dockerfile" --target prebuilt --build-arg "RUNTIME_IMAGE=$base_image" \
    -t "$GRANARY_IMAGE" "$repo/api-node/target"
}

up() {
  pick_engine
  build_image
  say "starting project $project on $engine..."
  if [ "$engine" = podman ]; then
    # podman-compose 1.0.3 ignores depends_on conditions: the secret first, then the data nodes,
    # then the API node, each waited for.
    compose up -d --no-build cluster-secret
    local rc
    rc="$(podman wait "$(container cluster-secret)")"
    [ "$rc" = 0 ] || { podman logs "$(container cluster-secret)" >&2; die "cluster-secret exited with $rc"; }
    compose up -d --no-build "${data_nodes[@]}"
    wait_healthy 90 "${data_nodes[@]}"
    compose up -d --no-build api-node
  else
    compose up -d --no-build
  fi
  wait_healthy 120 api-node
  say "up: S3 at $endpoint, metrics at http://127.0.0.1:$GRANARY_METRICS_PORT/metrics"
  local generated
  generated="$("$engine" logs "$(container api-node)" 2>&1 | grep '^  export GRANARY_' || true)"
  if [ -n "$generated" ]; then
    say "root credentials generated on the first start:"
    echo "$generated"
  fi
  cat <<EOF
  export AWS_ACCESS_KEY_ID="\$GRANARY_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="\$GRANARY_SECRET_KEY"
  aws --endpoint-url $endpoint s3 mb s3://my-bucket
  bin/granary admin --endpoint $endpoint status
  bin/granary admin --endpoint $endpoint heal --wait
EOF
}

status() {
  pick_engine
  local service id
  printf '%-16s %-10s %s\n' SERVICE HEALTH CONTAINER
  for service in cluster-secret "${data_nodes[@]}" api-node; do
    id="$(container "$service")"
    printf '%-16s %-10s %s\n' "$service" "$(health "$service")" "${id:0:12}"
  done
  if [ -n "${GRANARY_ACCESS_KEY:-}" ] && [ "$(health api-node)" = healthy ]; then
    echo
    "$repo/bin/granary" admin --endpoint "$endpoint" status
  fi
}

service_container() {
  [ -n "${1:-}" ] || die "which service? (cluster-secret, ${data_nodes[*]}, api-node)"
  local id
  id="$(container "$1")"
  [ -n "$id" ] || die "no container for service $1 in project $project"
  echo "$id"
}

# Stops a service, removes its container and every volume it writes to (not the read-only secret),
# and starts it again on new, empty volumes: a replaced disk.
wipe() {
  local id volumes
  id="$(service_container "$1")"
  volumes="$("$engine" inspect -f '{{range .Mounts}}{{if and (eq .Type "volume") .RW}}{{.Name}} {{end}}{{end}}' "$id")"
  volumes="${volumes% }"
  quietly rm -f "$id"
  # shellcheck disable=SC2086 # a list of volume names
  [ -z "$volumes" ] || quietly volume rm $volumes
  say "$1: removed with its volumes ${volumes:-(none)}, starting it empty..."
  compose up -d --no-build "$1"
  wait_healthy 90 "$1"
}

down() {
  pick_engine
  local volumes=()
  case "${1:-}" in
    "") ;;
    -v|--volumes) volumes=(--volumes) ;;
    *) die "down takes only --volumes" ;;
  esac
  compose down "${volumes[@]}"
  # Whatever the compose tool left of the project (podman-compose 1.0.3 leaves its network).
  local label="label=com.docker.compose.project=$project"
  "$engine" ps -aq --filter "$label" | xargs -r "$engine" rm -f >/dev/null 2>&1
  "$engine" network ls -q --filter "$label" | xargs -r "$engine" network rm >/dev/null
  [ -z "${volumes[*]}" ] || "$engine" volume ls -q --filter "$label" | xargs -r "$engine" volume rm >/dev/null
  say "down${volumes:+, volumes removed}"
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  logs) pick_engine; shift; id="$(service_container "${1:-}")"; shift; "$engine" logs "$@" "$id" ;;
  kill) pick_engine; quietly kill "$(service_container "${2:-}")"; say "$2 killed" ;;
  start) pick_engine; quietly start "$(service_container "${2:-}")"; wait_healthy 90 "$2"; say "$2 started" ;;
  restart) pick_engine; quietly restart "$(service_container "${2:-}")"; wait_healthy 120 "$2"; say "$2 restarted" ;;
  wipe) pick_engine; wipe "${2:-}" ;;
  down) shift; down "$@" ;;
  engine) pick_engine; echo "$engine" ;;
  -h|--help|help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
