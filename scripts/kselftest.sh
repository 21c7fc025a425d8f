#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kselftest way in: "make -C tools/testing/selftests TARGETS=tdx"
# (with the kernel's exported headers, as kselftest requires) builds the
# tdx tests and installs them with run_kselftest.sh. Then, on this
# machine, which has no TDX, tdx_host_test must skip every test and say
# why. The host_*.sh tests are not run here: they change CPU hotplug
# state and need the TDX module model; the QEMU boots run them.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/kselftest
rm -rf "$out"
make -s -C "$TREE" O="$OBJ" ARCH=x86_64 headers || die "make headers failed"
passed=0 failed=0
check() {
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

build() {
	make -s -C "$TREE/tools/testing/selftests" TARGETS=tdx O="$out" \
		KHDR_INCLUDES="-isystem $OBJ/usr/include" \
		INSTALL_PATH="$out/install" install > "$out.log" 2>&1 ||
		{ echo "kselftest: build failed, see $out.log" >&2; return 1; }
	for f in run_kselftest.sh tdx/tdx_host_test tdx/host_mce.sh tdx/host_lib.sh; do
		[ -e "$out/install/$f" ] || { echo "kselftest: $f not installed" >&2; return 1; }
	done
	say "kselftest: TARGETS=tdx built and installed"
}

# No /sys/firmware/tdx here: every test skips, with the reason.
skips_without_tdx() {
	local log=$out/tdx_host_test.log
	(cd "$out/install/tdx" && ./tdx_host_test) > "$log" 2>&1
	local rc=$? n
	n=$(grep -c '^ok [0-9]* tdx\.[a-z_]* # SKIP no /sys/firmware/tdx' "$log")
	sed 's/^/  /' "$log" | grep -E '^  (ok|not ok|# Totals)'
	[ "$rc" = 0 ] && [ "$n" = 6 ] ||
		{ echo "kselftest: want 6 skips with a reason and exit 0, got $n, rc $rc" >&2; return 1; }
}

mkdir -p "$out"
check build
if [ -d /sys/firmware/tdx ]; then
	say "kselftest: this machine has /sys/firmware/tdx; not checking the skips"
else
	check skips_without_tdx
fi
say "kselftest: $passed passed, $failed failed"
record kselftest "$passed" "$failed"
[ "$failed" = 0 ]
