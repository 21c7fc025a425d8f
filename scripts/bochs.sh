#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot build/obj's kernel with the test initramfs under Bochs, whose CPU
# has VMX (with EPT, VPID and unrestricted guest): hw.c's VMXON and
# VMXOFF are the real instructions there, KVM runs real guests, and the
# TDX module model stands in for the SEAM side only.
#   bochs.sh [-s CPUS] [-m test|kexec|kexecfail|crash] [-t TIMEOUT] [-n NAME]
#            [-a "EXTRA CMDLINE"] [-M MEGS]
# Modes kexec and crash run the selftests, then start a second kernel
# with a KVM guest running and TDX enabled (scripts/initramfs/kexec.sh)
# through kexec -e or a crash; the second kernel must boot and say so.
# Mode kexecfail is kexec with a module that refuses TDH.SYS.SHUTDOWN.
# The serial console goes to build/bochs-NAME.log. The guest powers itself
# off, which ends Bochs with a "soft power off" PANIC line and exit status
# 1: that is the normal end. Any other end (another panic, a triple fault,
# the hard timeout) fails the boot. The KTAP between the markers is
# counted as boot.sh counts it and recorded as stage boot-NAME.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cpus=2 mode=test timeout=900 name=vmx extra= megs=1024
# Emulated instructions per emulated second. With clock sync=none the
# guest's clock follows the instruction count, so the guest is told the
# TSC frequency that matches (tsc_early_khz), or its clock runs slow.
ips=20000000
# A CPU with VMX, EPT, VPID and unrestricted guest (Bochs 2.7 models).
cpu_model=${BOCHS_CPU:-corei7_skylake_x}
while getopts s:m:t:n:a:M: o; do
	case $o in
	s) cpus=$OPTARG ;; m) mode=$OPTARG ;; t) timeout=$OPTARG ;; n) name=$OPTARG ;;
	a) extra=$OPTARG ;; M) megs=$OPTARG ;;
	*) die "usage: bochs.sh [-s CPUS] [-m MODE] [-t TIMEOUT] [-n NAME] [-a CMDLINE] [-M MEGS]" ;;
	esac
done
kernel=$OBJ/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
[ -f "$INITRAMFS" ] || die "no initramfs at $INITRAMFS; run scripts/mkinitramfs.sh"
command -v bochs-bin > /dev/null || die "no bochs-bin; run scripts/setup.sh"

dir=$BUILD/bochs-$name
log=$BUILD/bochs-$name.log
rm -rf "$dir"
mkdir -p "$dir/iso/isolinux"

# Bochs has no -kernel: an isolinux CD with the kernel and initramfs.
# Bochs' CPUID makes every boot warn in parse_legacy() and in the XSAVE
# size check; the guest's splat check allows exactly these two.
allow=arch/x86/kernel/cpu/topology_common.c:57,arch/x86/kernel/fpu/xstate.c:605
cmdline="console=ttyS0 loglevel=4 panic=-1 oops=panic kunit.enable=0"
cmdline="$cmdline tsc_early_khz=$((ips / 1000)) tsc=reliable idle=halt"
cmdline="$cmdline tdxtest.mode=$mode tdxtest.allow_warn=$allow $extra"
# Memory for the crash kernel.
[ "$mode" = crash ] && cmdline="$cmdline crashkernel=128M"
# The module's state outlives the kernel in the model's SEAM page, which
# memmap= keeps from this kernel and the next (scripts/initramfs/kexec.sh
# passes both on). The crash boot's module has TDH.SYS.DISABLE (an
# assumption of the model), so that the crash path disables it; kexec
# and kexecfail keep a 1.5 module, the ordered shutdown's path.
case "$mode" in
kexec|kexecfail) cmdline="$cmdline memmap=4K\$0x20000000 tdx_model=seam:0x20000000" ;;
crash) cmdline="$cmdline memmap=4K\$0x20000000 tdx_model=seam:0x20000000,sys_disable" ;;
esac
cp "$kernel" "$dir/iso/bzImage"
cp "$INITRAMFS" "$dir/iso/initrd.gz"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 \
	"$dir/iso/isolinux/"
cat > "$dir/iso/isolinux/isolinux.cfg" <<EOF
default linux
prompt 0
timeout 0
label linux
  kernel /bzImage
  append initrd=/initrd.gz $cmdline
EOF
xorriso -as mkisofs -quiet -o "$dir/boot.iso" -b isolinux/isolinux.bin \
	-c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
	"$dir/iso" 2> "$dir/xorriso.log" || { cat "$dir/xorriso.log" >&2; die "xorriso failed"; }

# Bochs reports every access to an MSR it does not model as an error; the
# guest reads APERF/MPERF at every tick. Keep the log to the rest.
cpu_quiet=
for ((i = 0; i < cpus; i++)); do cpu_quiet="$cpu_quiet, cpu$i=ignore"; done
cat > "$dir/bochsrc" <<EOF
cpu: model=$cpu_model, count=$cpus, ips=$ips, reset_on_triple_fault=0
clock: sync=none, time0=local
memory: guest=$megs, host=$megs
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$dir/boot.iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$dir/serial.log
display_library: term
log: $dir/bochs.log
panic: action=fatal
error: action=report$cpu_quiet
info: action=ignore
debug: action=ignore
EOF
# Debian's bochs-bin has the debugger built in: continue at its prompt.
echo c > "$dir/debugger.rc"

say "booting $name under Bochs: $cpus CPUs with VMX, timeout ${timeout}s, log $log"
start=$(date +%s)
set +e
# The term display needs a terminal: script(1) gives it one.
timeout -k 10 "$timeout" script -qfec \
	"bochs-bin -q -f $dir/bochsrc -rc $dir/debugger.rc" /dev/null \
	< /dev/null > "$dir/display.log" 2>&1
rc=$?
set -e
tr -d '\r' < "$dir/serial.log" > "$log" 2>/dev/null || : > "$log"
say "Bochs ended after $(($(date +%s) - start))s with status $rc"

# How Bochs ended: the guest's power off, or something else.
end_ok=0
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "bochs.sh: $name killed after ${timeout}s" >&2
	end_ok=1
elif grep -q 'triple fault\|3rd (13) exception with no resolution\|3rd (14) exception with no resolution' \
		"$dir/bochs.log" 2>/dev/null; then
	echo "bochs.sh: $name: triple fault:" >&2
	grep -m3 'exception with no resolution\|triple fault' "$dir/bochs.log" >&2
	end_ok=1
elif ! grep -q 'soft power off\|ACPI.*power off\|Power off' "$dir/bochs.log" 2>/dev/null; then
	echo "bochs.sh: $name: Bochs ended without the guest's power off (status $rc):" >&2
	grep -a 'PANIC\|>>PANIC<<' "$dir/bochs.log" "$dir/display.log" 2>/dev/null | tail -5 >&2
	end_ok=1
fi

# kexec and crash: the second kernel booted after the jump; for kexec -e
# the first kernel also ran the ordered TDX shutdown on the way.
checks=
if [ "$mode" = kexec ] || [ "$mode" = kexecfail ] || [ "$mode" = crash ]; then
	# From the line kexec.sh prints just before the jump (the kernel's
	# own messages may interleave with the jump marker itself).
	after=$(sed -n "/^TDXTEST-KEXEC: $mode, VM running/,\$p" "$log")
	grep -a '^TDXTEST-KEXEC' "$log" >&2 || true
	r=0
	grep -q '^TDXTEST-SECOND-KERNEL: booted' <<< "$after" || r=1
	checks="${mode}_second_kernel_booted $r"
	if [ "$mode" = kexec ]; then
		r=0
		grep -q 'virt/tdx: module shut down' <<< "$after" || r=1
		checks="$checks kexec_ordered_shutdown $r"
	fi
	if [ "$mode" = kexecfail ]; then
		r=0
		grep -q 'virt/tdx: module shutdown failed (-5); VMX left anyway' <<< "$after" || r=1
		checks="$checks kexecfail_vmx_left_anyway $r"
	fi
	# The second kernel finds the module as the first left it: shut
	# down (kexec), still ready (kexecfail), or, after the crash path's
	# TDH.SYS.DISABLE, reset. The crash kernel runs with nr_cpus=1, and
	# a 1.5-style module configures only once every LP of the platform
	# (the model's SEAM page keeps its count) did LP.INIT: TDX is refused
	# there for that reason, not for the module's state.
	case "$mode" in
	kexec) want='virt/tdx: module was shut down before this kernel started' ;;
	kexecfail) want='virt/tdx: module was initialized before this kernel started' ;;
	crash) want='virt/tdx: module refused configuration: it needs TDH.SYS.LP.INIT on every logical CPU of the platform, and this kernel has 1' ;;
	esac
	r=0
	grep -q "$want" <<< "$after" && grep -q '^TDXTEST-SECOND-KERNEL: TDX refused' <<< "$after" || r=1
	checks="$checks ${mode}_second_kernel_says_why $r"
	if [ "$mode" = crash ]; then
		r=0
		grep -q 'virt/tdx: module disabled for the crash kernel' <<< "$after" &&
			grep -q 'tdx_model: SEAM memory at 0x20000000: the previous kernel left the module sysinit_pending' <<< "$after" &&
			! grep -q 'module was initialized before this kernel started' <<< "$after" || r=1
		checks="$checks crash_module_disabled_for_crash_kernel $r"
	fi
fi

# shellcheck disable=SC2086
boot_results "$name" "$log" "$rc" bochs_power_off "$end_ok" $checks
