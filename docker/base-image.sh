#!/usr/bin/env bash
# Builds the local base image for Granary without any image registry: a minimal Debian root file
# system (debootstrap) with a headless JRE 17 from the Debian mirror, imported as one layer.
#
#   docker/base-image.sh [--rebuild] [--engine podman|docker] [--tag IMAGE]
#
# The image is cached: when it exists, nothing is done unless --rebuild is given. Needs root
# (debootstrap chroots) and debootstrap; the mirror is $DEBIAN_MIRROR (default deb.debian.org).
set -euo pipefail

tag="${GRANARY_BASE_IMAGE:-localhost/granary-base:bookworm}"
engine="${GRANARY_ENGINE:-}"
rebuild=
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) rebuild=1 ;;
    --engine) engine="$2"; shift ;;
    --tag) tag="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "base-image: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$engine" ]; then
  if command -v podman >/dev/null; then engine=podman; else engine=docker; fi
fi

if [ -z "$rebuild" ] && "$engine" image inspect "$tag" >/dev/null 2>&1; then
  echo "base-image: $tag exists (--rebuild to make it again)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "base-image: debootstrap needs root (run as root, or use the registry build: see docs/containers.md)" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { echo "base-image: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }

# /var/tmp, not /tmp: the root file system needs device nodes and exec, which a tmpfs /tmp may refuse.
work="$(mktemp -d /var/tmp/granary-base.XXXXXX)"
# --one-file-system: a mount left in the root by a failed step (proc, sys) is never descended into.
trap 'umount "$work/root/proc" "$work/root/sys" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
root="$work/root"
start=$SECONDS

echo "base-image: debootstrap $suite (minbase + openjdk-17-jre-headless) from $mirror ..."
# minbase already has what the images use besides the JRE: bash, coreutils and grep (health checks,
# the secret one-shot) and passwd (the granary user).
if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless "$suite" "$root" "$mirror" \
      >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  [ -f "$root/debootstrap/debootstrap.log" ] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
  echo "base-image: debootstrap failed" >&2
  exit 1
fi

# Security updates (the JRE above all): the suite as released plus bookworm-security and -updates.
security="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
printf 'deb %s %s main\n' "$mirror" "$suite" "$mirror" "$suite-updates" "$security" "$suite-security" \
  >"$root/etc/apt/sources.list"
mount -t proc proc "$root/proc"
if ! { chroot "$root" apt-get update -qq && DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get -y -qq upgrade \
       && chroot "$root" apt-get clean; } >"$work/upgrade.log" 2>&1; then
  tail -n 30 "$work/upgrade.log" >&2
  echo "base-image: the security upgrade failed" >&2
  exit 1
fi
# The JRE runs (it finds its libraries through /proc/self/exe, hence only now).
chroot "$root" java -version 2>&1 | sed -n 1p | sed 's/^/base-image: /'
umount "$root/proc"

# What a container never needs: package caches and lists, documentation, man pages, locales.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
       "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log "$root"/debootstrap
find "$root"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name 'C.*' -exec rm -rf {} +

echo "base-image: importing as $tag ..."
quiet=(); [ "$engine" = podman ] && quiet=(--quiet)
tar --numeric-owner -C "$root" -c . | "$engine" import "${quiet[@]}" \
  --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$tag" >/dev/null
echo "base-image: $tag built in $((SECONDS - start)) s"
