#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build build/initramfs.cpio.gz: Debian's static busybox, our init and
# helpers, the kernel's modules, and the host tests of
# tools/testing/selftests/tdx from the tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] && file -L "$BUSYBOX" 2>/dev/null | grep -q static ||
	BUSYBOX=$(dpkg -L busybox-static | grep -m1 '/busybox$')
root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,lib,selftests}
cp "$BUSYBOX" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$ROOT/scripts/initramfs/init" "$root/init"
install -m 755 "$ROOT/scripts/initramfs/"*.sh "$root/"
[ -d "$BUILD/modroot/lib/modules" ] && cp -a "$BUILD/modroot/lib/modules" "$root/lib/"

# The host tests of tools/testing/selftests/tdx: its TEST_PROGS and
# TEST_FILES (the guest test there needs a TDX guest and is left out).
src=$TREE/tools/testing/selftests/tdx
if [ -f "$src/Makefile" ]; then
	mkdir -p "$root/selftests/tdx"
	for f in $(sed -n 's/^TEST_\(PROGS\|FILES\) *[:+]\{0,1\}= *//p' "$src/Makefile"); do
		cp -a "$src/$f" "$root/selftests/tdx/"
	done
	# Run them in TEST_PROGS order, as kselftest's runner does.
	sed -n 's/^TEST_PROGS *[:+]\{0,1\}= *//p' "$src/Makefile" | tr ' ' '\n' |
		sed '/^$/d' > "$root/selftests/tdx/.order"
	# The kselftest-harness host test, static like the Makefile builds
	# it, last: with tdxtest.shutdown=1 it shuts TDX down.
	if [ -f "$src/tdx_host_test.c" ]; then
		gcc -O2 -Wall -static -o "$root/selftests/tdx/tdx_host_test" \
			"$src/tdx_host_test.c"
		echo tdx_host_test >> "$root/selftests/tdx/.order"
	fi
fi
# Extra boot tests of the harness itself (none are committed; used to
# prove that a failing boot test fails make test).
[ -n "${EXTRA_BOOT_TESTS:-}" ] && mkdir -p "$root/selftests/extra" &&
	install -m 755 $EXTRA_BOOT_TESTS "$root/selftests/extra/"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) \
	> "$BUILD/initramfs.cpio.gz"
say "initramfs: $(du -h "$BUILD/initramfs.cpio.gz" | cut -f1)"
