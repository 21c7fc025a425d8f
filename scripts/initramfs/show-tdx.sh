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
echo "==== TDX kernel messages:"
dmesg | grep -i -E 'tdx|seamcall|x86/virt' | sed 's/^/  /' || echo "  (none)"
for d in /sys/devices/system/cpu/tdx /sys/kernel/debug/tdx_model; do
	[ -d "$d" ] || continue
	echo "==== $d:"
	for f in "$d"/*; do
		[ -f "$f" ] && [ -r "$f" ] && echo "  $(basename "$f"): $(cat "$f" 2>&1 | tr '\n' ' ')"
	done
done
if dmesg | grep -q -E 'WARNING:|BUG:|KASAN|Call Trace'; then
	echo "==== kernel log has splats:"
	dmesg | grep -A5 -E 'WARNING:|BUG:|KASAN|Call Trace' | head -40
	echo "TDXRUN-RESULT: fail"
else
	echo "TDXRUN-RESULT: ok"
fi
