#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the patched tree with Debian's amd64 config plus INTEL_TDX_HOST=y,
# as a distribution kernel maintainer would (build/debian-dirs, build/debian-full).
#
#   debian-build.sh dirs   what the series touches (make test, ~2 min):
#                          arch/x86/virt/, the mce directory, the touched
#                          objects of arch/x86/kernel/ and arch/x86/kvm/
#                          (objects: linking modules needs vmlinux);
#                          a warning in a touched file fails, and so does a
#                          test-only object (the model, the test client)
#   debian-build.sh full   bzImage and all modules (make debian-build); the
#                          figures go to build/debian-full.txt
#
# Two changes to Debian's config are needed outside Debian's packaging,
# which supplies them: no trusted-key files (debian/certs is not in the
# linux-source package) and, in "full" mode unless DEBUG_INFO=1, no debug
# info (Debian builds it for the -dbg packages; it changes no code, only
# doubles the time and the disk). SRC= builds another checkout of the tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-dirs}
if [ "$mode" = dirs ]; then
	# Nothing could be built: one failure, so that make test counts it.
	die() { printf 'error: %s\n' "$*" >&2; record debian-build 0 1; exit 1; }
fi
src=${SRC:-$TREE}
out=$BUILD/debian-$mode
cfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -r "$cfg" ] || die "$cfg is missing: run 'make setup'"
[ -f "$src/Makefile" ] || die "no tree at $src; run 'make tree'"

configure() {
	mkdir -p "$out"
	xz -dc "$cfg" > "$out/.config"
	"$src/scripts/config" --file "$out/.config" -e INTEL_TDX_HOST \
		--set-str SYSTEM_TRUSTED_KEYS '' --set-str SYSTEM_REVOCATION_KEYS ''
	if [ "$mode" = full ] && [ "${DEBUG_INFO:-0}" != 1 ]; then
		"$src/scripts/config" --file "$out/.config" -d DEBUG_INFO \
			-d DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT -e DEBUG_INFO_NONE
	fi
	make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig
	grep -qx CONFIG_INTEL_TDX_HOST=y "$out/.config" ||
		die "olddefconfig dropped INTEL_TDX_HOST"
}

case $mode in
dirs)
	rm -rf "$out"
	configure
	files=$(git -C "$src" diff --name-only base..HEAD -- 'arch/*.c' 'kernel/*.c' 'mm/*.c' 'drivers/*.c')
	# Whole directories where they are small; single objects in
	# arch/x86/kernel/, whose subdirectories are most of arch/x86.
	targets="arch/x86/virt/ arch/x86/kernel/cpu/mce/"
	for f in $files; do
		case $f in
		arch/x86/virt/*|arch/x86/kernel/cpu/mce/*|arch/x86/kvm/*) ;;
		*) targets="$targets ${f%.c}.o" ;;
		esac
	done
	say "Debian config + INTEL_TDX_HOST=y: building $targets arch/x86/kvm/"
	start=$(date +%s)
	log=$BUILD/debian-dirs.log
	rc=0
	{
		make -C "$src" O="$out" ARCH=x86_64 -j"$JOBS" modules_prepare &&
		make -C "$src" O="$out" ARCH=x86_64 -j"$JOBS" $targets arch/x86/kvm/
	} > "$log" 2>&1 || rc=$?
		[ "$rc" = 0 ] || tail -30 "$log" >&2
	tap_ok "$rc" "build of $targets arch/x86/kvm/"
	w=0
	for f in $files; do
		c=$(grep -c "$f:[0-9]*:[0-9]*: \(warning\|error\)" "$log" || true)
		[ "$c" = 0 ] || { grep "$f:[0-9]*:[0-9]*:" "$log" | head -10 >&2; w=$((w + c)); }
	done
	tap_ok "$w" "no warnings in the touched files ($w)"
	for m in arch/x86/virt/vmx/tdx/tdx.o arch/x86/virt/vmx/tdx/tdx_shutdown.o \
		 arch/x86/virt/vmx/tdx/tdx_sysfs.o arch/x86/virt/hw.o \
		 arch/x86/kvm/kvm.o arch/x86/kvm/kvm-intel.o; do
		[ -f "$out/$m" ] && r=0 || r=1
		tap_ok "$r" "$m built"
	done
	for m in arch/x86/virt/vmx/tdx/tdx_model.o arch/x86/virt/vmx/tdx/tdx_test.o \
		 arch/x86/virt/vmx/tdx/tdx_model_test.o arch/x86/virt/hw_test.o \
		 arch/x86/virt/x86_virt_test_client.o; do
		[ ! -e "$out/$m" ] && r=0 || r=1
		tap_ok "$r" "test-only $m not built"
	done
	say "debian-build: $tap_pass passed, $tap_fail failed in $(($(date +%s) - start))s"
	record debian-build "$tap_pass" "$tap_fail"
	[ "$tap_fail" = 0 ]
	;;
full)
	configure
	say "Debian config + INTEL_TDX_HOST=y: full build (bzImage, modules) -j$JOBS"
	log=$BUILD/debian-full.log
	rc=0
	TIMEFORMAT='%R s wall, %U s user, %S s system'
	{ time make -C "$src" O="$out" ARCH=x86_64 -j"$JOBS" bzImage modules \
		> "$log" 2>&1 || rc=$?; } 2> "$BUILD/debian-full.time"
	mods=$(find "$out" -name '*.ko' | wc -l)
	{
		echo "== make debian-build: $(date -u '+%F %H:%M UTC'), $(nproc) CPUs, -j$JOBS"
		echo "tree: $(git -C "$src" log -1 --format='%h %s')"
		echo "config: Debian amd64 ($(basename "$cfg")) + INTEL_TDX_HOST=y, debug info ${DEBUG_INFO:-0}"
		echo "result: $([ "$rc" = 0 ] && echo built || echo "FAILED (rc $rc, see $log)")"
		echo "time: $(cat "$BUILD/debian-full.time")"
		echo "modules: $mods"
		echo "warnings: $(grep -c ': warning:' "$log" || true)"
		grep -E '^CONFIG_(INTEL_TDX_HOST|X86_VIRT_VMX|KEXEC_CORE|HIBERNATION|KVM_INTEL|INTEL_TDX_MODULE_MODEL)[= ]|INTEL_TDX_MODULE_MODEL is not' "$out/.config"
	} | tee "$BUILD/debian-full.txt"
	[ "$rc" = 0 ]
	;;
*)
	die "usage: $0 dirs|full"
	;;
esac
