#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kexec on the TDX module model under QEMU TCG, build/obj's kernel: TDX
# enabled, then kexec -e into the same kernel (scripts/initramfs/kexec.sh,
# mode qkexec). The model keeps the module's state in a page of "SEAM
# memory" that memmap= keeps from both kernels, so the second kernel finds
# the module as the first left it. Two boots:
#   disable    a module with TDH.SYS.DISABLE (tdx_model=sys_disable, an
#              assumption of the model): the first kernel disables it, the
#              second initializes TDX again.
#   nodisable  a 1.5 module: the first kernel shuts it down in order and
#              says the next kernel has no TDX; the second refuses TDX,
#              saying why, and otherwise runs and powers off cleanly.
# Recorded as stage kexec-model, one result per check.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=$OBJ/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
img=$BUILD/initramfs-kexec.cpio.gz
INITRAMFS=$img KEXEC_KERNEL=$kernel "$ROOT/scripts/mkinitramfs.sh"

# A page of RAM below 1 GB on every machine this runs on.
seam=0x20000000
timeout=${KEXEC_TIMEOUT:-600}
pass=0 fail=0
check() {
	local name=$1; shift
	if "$@"; then
		echo "ok $name"
		pass=$((pass + 1))
	else
		echo "not ok $name"
		fail=$((fail + 1))
	fi
}
has() { grep -q -a -- "$1" <<< "$2"; }
hasnt() { ! grep -q -a -- "$1" <<< "$2"; }

for v in disable nodisable; do
	opts="seam:$seam"
	[ "$v" = disable ] && opts="$opts,sys_disable"
	log=$BUILD/kexec-$v.log
	say "kexec on the model ($v), log $log"
	set +e
	timeout -k 10 "$timeout" qemu-system-x86_64 \
		-accel tcg,thread=multi -cpu "$QEMU_CPU" -smp 2 -m 2G \
		-bios qboot.rom -kernel "$kernel" -initrd "$img" \
		-append "console=ttyS0 loglevel=4 panic=-1 oops=panic kunit.enable=0 tdxtest.mode=qkexec memmap=4K\$$seam tdx_model=$opts" \
		-display none -monitor none -serial stdio -no-reboot < /dev/null 2>&1 |
		tr -d '\r' > "$log"
	set -e
	grep -a '^TDXTEST-' "$log" || true
	first=$(sed -n '/^TDXTEST-KEXEC-JUMP/,/^TDXTEST-SECOND-KERNEL: booted/p' "$log")
	second=$(sed -n '/^TDXTEST-SECOND-KERNEL: booted/,$p' "$log")
	check "${v}_tdx_enabled_first" has 'TDXTEST-KEXEC: kexec, VM running: no, TDX ready' "$(cat "$log")"
	check "${v}_second_kernel_booted" has '^TDXTEST-SECOND-KERNEL: booted (qkexec)' "$second"
	if [ "$v" = disable ]; then
		check disable_first_kernel_disabled has 'virt/tdx: module disabled for kexec' "$first"
		check disable_no_sys_shutdown hasnt 'virt/tdx: module shut down' "$first"
		check disable_second_finds_module_reset has \
			'SEAM memory at 0x20000000: the previous kernel left the module sysinit_pending (2 LPs, 1 disables)' "$second"
		check disable_second_kernel_enables_tdx has '^TDXTEST-SECOND-KERNEL: TDX enabled' "$second"
		check disable_second_kernel_initialized has 'virt/tdx: module [0-9.]* initialized in' "$second"
	else
		check nodisable_first_kernel_says_no_tdx_next has \
			'virt/tdx: module shut down, caches flushed for kexec; .*without TDH.SYS.DISABLE in this module the next kernel has no TDX until a reboot' "$first"
		check nodisable_no_sys_disable_tried hasnt 'TDH.SYS.DISABLE failed\|module disabled' "$(cat "$log")"
		check nodisable_second_finds_module_shut_down has \
			'SEAM memory at 0x20000000: the previous kernel left the module shutdown' "$second"
		check nodisable_second_kernel_says_why has \
			'virt/tdx: module was shut down before this kernel started' "$second"
		check nodisable_second_kernel_refuses_tdx has '^TDXTEST-SECOND-KERNEL: TDX refused' "$second"
	fi
	# The second kernel's way down: powered off, the model's account
	# clean (no CPU in VMX operation, no invariant violated), no splat.
	check "${v}_second_kernel_powered_off" has '^TDXTEST-POWEROFF' "$second"
	check "${v}_second_kernel_model_clean" has \
		'tdx_model: at shutdown: .* 0 CPUs in VMX operation, violations: seamcall_outside_vmx 0 bad_vmx_op 0 offline_in_vmx 0 redundant_seamcall 0 pamt_reset_while_live 0 seamcall_after_shutdown 0' "$second"
	check "${v}_no_splat" hasnt 'WARNING:\|BUG:\|KASAN\|Kernel panic\|Call Trace' "$(cat "$log")"
done
say "kexec-model: $pass passed, $fail failed"
record kexec-model "$pass" "$fail"
[ "$fail" = 0 ]
