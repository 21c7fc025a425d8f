#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tdxtest.mode=kexec or crash (the Bochs boots, where the CPU has VMX):
# with a KVM guest running and TDX holding VMX on every CPU, start a
# second kernel through kexec -e, or through a crash (kexec -p, then
# sysrq c). A CPU left in VMX operation blocks INIT and makes the jump
# fault, so the second kernel's "TDXTEST-SECOND-KERNEL" line, which
# scripts/bochs.sh looks for, shows that every CPU left it.
how=$1
model=/sys/kernel/debug/tdx_model
cd /selftests/tdx || exit 1

modprobe kvm && modprobe kvm_intel || echo "TDXTEST-KEXEC: loading KVM failed"
rm -f /tmp/vm.ready
./kvm_guest -c 0 -t 100000 -r /tmp/vm.ready > /tmp/vm.out 2>&1 &
i=0
while [ ! -e /tmp/vm.ready ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
echo 1 > "$model/enable" || echo "TDXTEST-KEXEC: tdx_enable() failed"
echo "TDXTEST-KEXEC: $how, VM running: $([ -e /tmp/vm.ready ] && echo yes || echo no)," \
	"TDX $(sed -n 's/^state //p' "$model/status"), CPUs in VMX:" \
	"$(sed -n 's/^cpus_in_vmx *//p' "$model/status")"

args="console=ttyS0 loglevel=4 panic=-1 kunit.enable=0 tsc=reliable idle=halt"
args="$args $(tr ' ' '\n' < /proc/cmdline | grep '^tsc_early_khz=')"
args="$args tdxtest.mode=second tdxtest.from=$how"
dmesg -n 7
case "$how" in
kexec)
	echo "TDXTEST-KEXEC: loading the kernel, $(date +%T)"
	kexec -s -l /boot/bzImage --initrd=/boot/initrd2.gz --append="$args" ||
		echo "TDXTEST-KEXEC: kexec -s -l failed"
	echo "TDXTEST-KEXEC: loaded, $(date +%T)"
	echo "TDXTEST-KEXEC-JUMP"
	kexec -e
	;;
crash)
	echo "TDXTEST-KEXEC: loading the crash kernel, $(date +%T)"
	kexec -s -p /boot/bzImage --initrd=/boot/initrd2.gz \
		--append="$args nr_cpus=1 irqpoll reset_devices" ||
		echo "TDXTEST-KEXEC: kexec -s -p failed"
	echo "TDXTEST-KEXEC: loaded, $(date +%T)"
	echo "TDXTEST-KEXEC-JUMP"
	echo c > /proc/sysrq-trigger
	;;
esac
echo "TDXTEST-KEXEC: still in the first kernel"
