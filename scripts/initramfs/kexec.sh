#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tdxtest.mode=kexec, kexecfail or crash (the Bochs boots, where the CPU
# has VMX), or qkexec (QEMU TCG, the model's VMX: kexec without a guest):
# load a second kernel (kexec -s -l, or kexec -s -p for a crash kernel,
# as kdump does at boot), then, with a KVM guest running and TDX holding
# VMX on every CPU, jump to it through kexec -e, or through a crash
# (sysrq c). A CPU left in VMX operation blocks INIT and makes the jump
# fault, so the second kernel's "TDXTEST-SECOND-KERNEL" line, which
# scripts/bochs.sh looks for, shows that every CPU left it. kexecfail
# is kexec with a module that refuses TDH.SYS.SHUTDOWN: the TDX core must
# still take every CPU out of VMX operation.
how=$1
model=/sys/kernel/debug/tdx_model
cd /selftests/tdx || exit 1

args="console=ttyS0 loglevel=4 panic=-1 kunit.enable=0 tsc=reliable idle=halt"
args="$args $(tr ' ' '\n' < /proc/cmdline | grep '^tsc_early_khz=')"
args="$args tdxtest.mode=second tdxtest.from=$how"
# The TDX module's state lives in SEAM memory and outlives the kernel:
# the model keeps it in the page tdx_model=seam: names, which memmap=
# keeps from both kernels. The second kernel gets the same options, so
# its model starts as this kernel leaves the module: disabled
# (TDH.SYS.DISABLE, with tdx_model=sys_disable), shut down, or still
# ready after a refused TDH.SYS.SHUTDOWN or a crash without SYS.DISABLE.
args="$args $(tr ' ' '\n' < /proc/cmdline | grep '^tdx_model=\|^memmap=' | tr '\n' ' ')"
[ "$how" = qkexec ] && how=kexec q=1
echo "TDXTEST-KEXEC: loading the kernel ($how), $(date +%T)"
case "$how" in
kexec|kexecfail)
	kexec -s -l /boot/bzImage --initrd=/boot/initrd2.gz --append="$args" ;;
crash)	kexec -s -p /boot/bzImage --initrd=/boot/initrd2.gz \
		--append="$args nr_cpus=1 reset_devices" ;;
esac || echo "TDXTEST-KEXEC: loading the kernel failed"
echo "TDXTEST-KEXEC: loaded, $(date +%T)"

rm -f /tmp/vm.ready
# QEMU TCG has no VMX for KVM: the model's VMX is TDX's alone there.
if [ -z "${q:-}" ]; then
	modprobe kvm && modprobe kvm_intel || echo "TDXTEST-KEXEC: loading KVM failed"
	./kvm_guest -c 0 -t 100000 -r /tmp/vm.ready > /tmp/vm.out 2>&1 &
	i=0
	while [ ! -e /tmp/vm.ready ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
fi
echo 1 > "$model/enable" || echo "TDXTEST-KEXEC: tdx_enable() failed"
echo "TDXTEST-KEXEC: $how, VM running: $([ -e /tmp/vm.ready ] && echo yes || echo no)," \
	"TDX $(cat /sys/firmware/tdx/state), CPUs in VMX:" \
	"$(sed -n 's/^cpus_in_vmx *//p' "$model/status")"

# TDH.SYS.SHUTDOWN (leaf 52) fails with TDX_OPERAND_INVALID from now on.
if [ "$how" = kexecfail ]; then
	echo "52 -1 1 1000 0xc000010000000000" > "$model/inject" ||
		echo "TDXTEST-KEXEC: arming the SYS.SHUTDOWN failure failed"
fi

dmesg -n 7
echo "TDXTEST-KEXEC-JUMP"
sleep 1
case "$how" in
kexec|kexecfail)	kexec -e ;;
crash)	echo c > /proc/sysrq-trigger ;;
esac
echo "TDXTEST-KEXEC: still in the first kernel"
