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
# Bochs is single-threaded: the boots run two at a time.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

export OBJ=$BUILD/obj-vmx MODROOT=$BUILD/modroot-vmx INITRAMFS=$BUILD/initramfs-vmx.cpio.gz
S=$ROOT/scripts

if ! FRAGMENTS="$(ls "$ROOT"/configs/*.config) $ROOT/configs/bochs/vmx.config" \
		"$S/build-kernel.sh"; then
	record vmx-build 0 1
	exit 1
fi
if ! KEXEC_KERNEL=$OBJ/arch/x86/boot/bzImage "$S/mkinitramfs.sh"; then
	record vmx-build 0 1
	exit 1
fi
record vmx-build 1 0

t=${BOCHS_TIMEOUT:-900}
rc=0
"$S/bochs.sh" -s 4 -n vmx4 -t "$t" -a "tdxtest.only=host_vmx_refs.sh,host_kvm.sh" \
	> "$BUILD/bochs-vmx4.out" 2>&1 &
p1=$!
"$S/bochs.sh" -s 2 -m kexec -n kexec -t "$t" -a "tdxtest.only=host_vmx_refs.sh" \
	> "$BUILD/bochs-kexec.out" 2>&1 || rc=1
"$S/bochs.sh" -s 2 -m crash -n crash -t "$t" -a "tdxtest.only=host_vmx_refs.sh" \
	> "$BUILD/bochs-crash.out" 2>&1 || rc=1
wait $p1 || rc=1
for b in vmx4 kexec crash; do
	sed "s/^/[bochs-$b] /" "$BUILD/bochs-$b.out" | grep -v '^\[bochs-[a-z0-9]*\] *$' >&2
done
exit $rc
