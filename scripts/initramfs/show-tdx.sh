#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What "make run" shows: the kernel, its TDX configuration, the CPUs and
# every TDX-related kernel message and state file, then a verdict line.
echo "==== kernel: $(uname -r) ($(cat /proc/cmdline))"
echo "==== CPUs online: $(cat /sys/devices/system/cpu/online) of $(cat /sys/devices/system/cpu/possible)"
echo "==== config:"
zcat /proc/config.gz | grep -E '^(CONFIG_INTEL_TDX_HOST|CONFIG_KVM_INTEL|CONFIG_KEXEC_CORE|CONFIG_INTEL_TDX_MODULE_MODEL)[= ]' | sed 's/^/  /'
echo "==== CPU flags (count of CPUs):"
for f in vmx tdx_host_platform; do
	echo "  $f: $(grep -c -w "$f" /proc/cpuinfo)"
done
# A TDX user, as KVM with TDX will be: it only calls tdx_enable().
user=none
if [ -r /sys/kernel/debug/tdx_model/status ]; then
	if out=$(modprobe x86_virt_test_client tdx=1 2>&1); then
		user=ok
		echo "==== a TDX user loaded (x86_virt_test_client tdx=1): tdx_enable() returned 0"
	else
		user=fail
		echo "==== the TDX user did not load (x86_virt_test_client tdx=1): $out"
	fi
fi
if [ -d /sys/firmware/tdx ]; then
	echo "==== /sys/firmware/tdx (what an administrator reads):"
	(cd /sys/firmware/tdx && for f in *; do v=$(cat "$f" 2>/dev/null) && echo "  $f: $v"; done)
fi
echo "==== TDX kernel messages:"
dmesg | grep -E 'virt/tdx|tdx_model|x86/virt|SEAMCALL' | sed 's/^/  /' || echo "  (none)"
# The TDX module model of test kernels: its state and counters.
for f in /sys/kernel/debug/tdx_model/status /sys/kernel/debug/tdx_model/counters; do
	[ -r "$f" ] || continue
	echo "==== $f:"
	sed 's/^/  /' "$f"
done
verdict=ok
if dmesg | grep -q -E 'WARNING:|BUG:|KASAN|Call Trace'; then
	echo "==== kernel log has splats:"
	dmesg | grep -A5 -E 'WARNING:|BUG:|KASAN|Call Trace' | head -40
	verdict=fail
fi
# With the model, the kernel must have found the (modelled) TDX platform
# and the model must have counted no invariant violation.
if [ -r /sys/kernel/debug/tdx_model/status ]; then
	if [ "$user" != ok ] || [ "$(cat /sys/firmware/tdx/state 2>/dev/null)" != ready ]; then
		echo "==== TDX did not become ready through its user"
		verdict=fail
	fi
	if ! dmesg | grep -q 'virt/tdx: BIOS enabled'; then
		echo "==== tdx_init() did not find the modelled TDX platform"
		verdict=fail
	fi
	if grep -E '^(seamcall_outside_vmx|bad_vmx_op|offline_in_vmx|redundant_seamcall|pamt_reset_while_live|seamcall_after_shutdown) [1-9]' \
		/sys/kernel/debug/tdx_model/status; then
		echo "==== the model counted invariant violations"
		verdict=fail
	fi
fi
echo "TDXRUN-RESULT: $verdict"
