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
root=${INITRAMFS%.cpio.gz}
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,lib,selftests}
cp "$BUSYBOX" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$ROOT/scripts/initramfs/init" "$root/init"
install -m 755 "$ROOT/scripts/initramfs/"*.sh "$root/"
[ -d "$MODROOT/lib/modules" ] && cp -a "$MODROOT/lib/modules" "$root/lib/"

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
	# The KVM client of host_kvm.sh, static like the Makefile builds it.
	if [ -f "$src/kvm_guest.c" ]; then
		gcc -O2 -Wall -static -o "$root/selftests/tdx/kvm_guest" \
			"$src/kvm_guest.c"
	fi
	# The kselftest-harness host test, static like the Makefile builds
	# it, last: with tdxtest.shutdown=1 it shuts TDX down.
	if [ -f "$src/tdx_host_test.c" ]; then
		gcc -O2 -Wall -static -o "$root/selftests/tdx/tdx_host_test" \
			"$src/tdx_host_test.c"
		echo tdx_host_test >> "$root/selftests/tdx/.order"
	fi
fi
# KEXEC_KERNEL (the Bochs kernel): kexec.sh starts that kernel again from
# /boot, with a small initramfs of its own (busybox and /init), through
# Debian's kexec-tools, copied with the libraries it links.
if [ -n "${KEXEC_KERNEL:-}" ]; then
	mkdir -p "$root/boot" "$root/sbin"
	cp "$KEXEC_KERNEL" "$root/boot/bzImage"
	cp /usr/sbin/kexec "$root/sbin/kexec"
	for lib in $(ldd /usr/sbin/kexec | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
	second=$(mktemp -d)
	mkdir -p "$second"/{bin,proc,sys,dev,tmp}
	cp "$BUSYBOX" "$second/bin/busybox"
	ln -s busybox "$second/bin/sh"
	install -m 755 "$ROOT/scripts/initramfs/init" "$second/init"
	(cd "$second" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) \
		> "$root/boot/initrd2.gz"
	rm -rf "$second"
fi

# KVM_SELFTESTS (the Bochs kernel): the kernel's own KVM selftests, built
# static by scripts/vmx.sh, run in the order given.
if [ -n "${KVM_SELFTESTS:-}" ]; then
	mkdir -p "$root/selftests/kvm"
	: > "$root/selftests/kvm/.order"
	for t in $KVM_SELFTESTS; do
		strip -o "$root/selftests/kvm/$(basename "$t")" "$t"
		basename "$t" >> "$root/selftests/kvm/.order"
	done
fi

# Extra boot tests of the harness itself (none are committed; used to
# prove that a failing boot test fails make test).
[ -n "${EXTRA_BOOT_TESTS:-}" ] && mkdir -p "$root/selftests/extra" &&
	install -m 755 $EXTRA_BOOT_TESTS "$root/selftests/extra/"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) \
	> "$INITRAMFS"
say "initramfs: $(du -h "$INITRAMFS" | cut -f1)"
