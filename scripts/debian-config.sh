#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A distro kernel can have TDX host support: take Debian's own amd64 config
# (package linux-config-6.12), turn INTEL_TDX_HOST on, run olddefconfig on
# the patched tree and check that it stays on next to what Debian enables
# (kexec, hibernation, KVM), and that none of the test-only options appear.
# Linux 6.12 drops INTEL_TDX_HOST here: it depends on !KEXEC_CORE.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -r "$cfg" ] || die "$cfg is missing: run 'make setup'"
[ -d "$TREE/.git" ] || die "no tree at $TREE; run 'make tree'"
out=$BUILD/debian-config
rm -rf "$out"
mkdir -p "$out"
xz -dc "$cfg" > "$out/.config"
"$TREE/scripts/config" --file "$out/.config" -e INTEL_TDX_HOST
make -s -C "$TREE" O="$out" ARCH=x86_64 olddefconfig

pass=0 fail=0 n=0
echo "TAP version 13"
expect() {
	n=$((n + 1))
	if grep -qx "$1" "$out/.config"; then
		echo "ok $n $1"
		pass=$((pass + 1))
	else
		echo "not ok $n $1 (got: $(grep -E "(^| )${1%%=*}[= ]" "$out/.config" || echo absent))"
		fail=$((fail + 1))
	fi
}
expect CONFIG_INTEL_TDX_HOST=y
expect CONFIG_X86_VIRT_VMX=y
expect CONFIG_KEXEC_CORE=y
expect CONFIG_HIBERNATION=y
expect CONFIG_KVM_INTEL=m
# The test-only options stay off (unset, or not offered at all).
for sym in INTEL_TDX_MODULE_MODEL INTEL_TDX_KUNIT_TEST X86_VIRT_KUNIT_TEST X86_VIRT_TEST_CLIENT; do
	n=$((n + 1))
	if grep -q "^CONFIG_$sym=" "$out/.config"; then
		echo "not ok $n CONFIG_$sym off (got: $(grep "^CONFIG_$sym=" "$out/.config"))"
		fail=$((fail + 1))
	else
		echo "ok $n CONFIG_$sym off"
		pass=$((pass + 1))
	fi
done
say "debian-config: $pass passed, $fail failed (Debian amd64 config + INTEL_TDX_HOST=y)"
record debian-config "$pass" "$fail"
[ "$fail" = 0 ]
