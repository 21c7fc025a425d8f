#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the build dependencies (only those missing) and the pinned
# Debian kernel source, and verify the tarball's sha256.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="gcc make flex bison libelf-dev libssl-dev bc cpio kmod python3
      qemu-system-x86 busybox-static xz-utils git perl python3-ply python3-git
      linux-config-6.12 rsync sparse python3-sphinx python3-yaml quilt
      bochs bochsbios vgabios bochs-term isolinux syslinux-common xorriso
      kexec-tools"

installed() {
	dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null |
		awk -v want="${2:-}" '$3 == "installed" && (want == "" || $4 == want) { ok = 1 } END { exit !ok }'
}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

updated=
apt_update() {
	[ -n "$updated" ] && return
	say "apt-get update"
	as_root apt-get update -qq
	updated=1
}

missing=
for p in $PKGS; do
	installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt_update
	say "installing:$missing"
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing
fi

if ! installed "$LINUX_SOURCE_PKG" "$LINUX_SOURCE_VERSION"; then
	apt_update
	if ! apt-cache madison "$LINUX_SOURCE_PKG" |
	     awk -F'|' '{ gsub(/ /, "", $2); print $2 }' |
	     grep -qxF "$LINUX_SOURCE_VERSION"; then
		{
		echo "error: $LINUX_SOURCE_PKG $LINUX_SOURCE_VERSION is no longer offered by apt."
		echo "Versions apt offers:"
		apt-cache madison "$LINUX_SOURCE_PKG" | sed 's/^/  /'
		echo "To re-pin: make repin VERSION=<one of the above>, check that"
		echo "'make tree' still applies the series, and commit base.conf."
		} >&2
		exit 1
	fi
	say "installing $LINUX_SOURCE_PKG=$LINUX_SOURCE_VERSION"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends --allow-downgrades \
		"$LINUX_SOURCE_PKG=$LINUX_SOURCE_VERSION"
fi

say "checking sha256 of $LINUX_SOURCE_TARBALL"
echo "$LINUX_SOURCE_SHA256  $LINUX_SOURCE_TARBALL" | sha256sum -c --quiet - ||
	die "$LINUX_SOURCE_TARBALL does not match the sha256 in base.conf"
