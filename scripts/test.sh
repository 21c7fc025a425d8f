#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make test: every stage from a fresh machine. Each stage records how many
# of its tests passed and failed; the last line sums them all.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
t0=$(date +%s)
S=$ROOT/scripts

stage() {
	local name=$1; shift
	local s=$(date +%s)
	say "stage $name"
	"$@"
	local rc=$?
	echo "$name $(($(date +%s) - s))s rc=$rc" >> "$RESULTS/.times"
	return $rc
}

# Missing dependencies or base are not test failures: nothing can run.
stage setup "$S/setup.sh" || die "setup failed"
if stage series "$S/tree.sh"; then
	record series 1 0
	stage checkpatch "$S/checkpatch.sh"
	stage quilt "$S/quilt.sh"
	stage debian-config "$S/debian-config.sh"
	stage debian-build "$S/debian-build.sh" dirs
	if stage kernel "$S/build-kernel.sh"; then
		record kernel-build 1 0
		stage kunit "$S/kunit.sh"
		stage kselftest "$S/kselftest.sh"
		# Real VMX under Bochs: a kernel of its own (no KASAN).
		stage vmx-build "$S/vmx.sh" build
		vmx_built=$?
		if stage initramfs "$S/mkinitramfs.sh"; then
			# 4 vCPUs in 2 packages, TDX enabled by a user at run time;
			# 8 vCPUs, TDX enabled at boot (tdx_host=on).
			stage boot4 "$S/boot.sh" -s 4,sockets=2 -n smp4 -a tdxtest.shutdown=1 -t "${BOOT_TIMEOUT:-900}"
			stage boot8 "$S/boot.sh" -s 8 -n smp8 -a tdx_host=on -t "${BOOT_TIMEOUT:-900}"
			# 8 vCPUs in 2 packages: the first enable under CPU
			# hotplug torture (host_torture.sh, 500 cycles).
			stage torture "$S/boot.sh" -s 8,sockets=2 -n torture \
				-a "tdxtest.only=host_torture.sh tdxtest.torture=1" -t "${BOOT_TIMEOUT:-1200}"
			# kexec with TDX enabled, on 2 vCPUs: a module with
			# TDH.SYS.DISABLE (the next kernel initializes TDX)
			# and one without (it says why it has none).
			stage kexec-model "$S/kexec.sh"
		else
			record initramfs 0 1
		fi
		# Its boots (KVM guests, kexec and crash kexec with VMX on), two
		# at a time, one host core each. Not beside the QEMU boots: with
		# their vCPU threads on the same two cores, Bochs ran at a third
		# of its speed and hit its timeouts.
		[ "$vmx_built" = 0 ] && stage vmx-boots "$S/vmx.sh" boots
		# Last: it rebuilds the touched objects at every patch.
		stage check "$S/check.sh"
	else
		record kernel-build 0 1
	fi
else
	record series 0 1
fi

echo
echo "==== results (stage: passed failed)"
passed=0 failed=0
for f in "$RESULTS"/*; do
	read -r p fl < "$f"
	printf '  %-16s %4d %4d\n' "$(basename "$f")" "$p" "$fl"
	passed=$((passed + p)) failed=$((failed + fl))
done
echo "==== stage times"
sed 's/^/  /' "$RESULTS/.times"
echo "  total $(($(date +%s) - t0))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
