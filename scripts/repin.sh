#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Re-pin the kernel base: install linux-source at VERSION and record its
# version and tarball sha256 in base.conf. Usage: repin.sh VERSION
set -euo pipefail
. "$(dirname "$0")/lib.sh"

version=${1:?usage: repin.sh VERSION}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends --allow-downgrades "$LINUX_SOURCE_PKG=$version"
sum=$(sha256sum "$LINUX_SOURCE_TARBALL" | cut -d' ' -f1)
sed -i -e "s|^LINUX_SOURCE_VERSION=.*|LINUX_SOURCE_VERSION=$version|" \
       -e "s|^LINUX_SOURCE_SHA256=.*|LINUX_SOURCE_SHA256=$sum|" "$ROOT/base.conf"
say "base.conf now pins $version ($sum); run 'make tree FORCE=1' and commit base.conf"
