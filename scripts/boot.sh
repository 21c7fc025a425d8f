#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot build/obj's kernel with the test initramfs under QEMU TCG.
#   boot.sh [-s SMP] [-m run|test] [-t TIMEOUT] [-n NAME] [-a "EXTRA CMDLINE"]
# The console goes to the terminal and to build/boot-NAME.log. The guest
# powers itself off; a hard timeout kills a hung guest. In test mode the
# KTAP between the markers is counted and recorded as stage boot-NAME.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

smp=4 mode=test timeout=600 name= extra= mem=2G
while getopts s:m:t:n:a:M: o; do
	case $o in
	s) smp=$OPTARG ;; m) mode=$OPTARG ;; t) timeout=$OPTARG ;;
	n) name=$OPTARG ;; a) extra=$OPTARG ;; M) mem=$OPTARG ;;
	*) die "usage: boot.sh [-s SMP] [-m run|test] [-t TIMEOUT] [-n NAME] [-a CMDLINE] [-M MEM]" ;;
	esac
done
name=${name:-$mode-smp$smp}
log=$BUILD/boot-$name.log
kernel=$OBJ/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
[ -f "$BUILD/initramfs.cpio.gz" ] || die "no initramfs; run scripts/mkinitramfs.sh"

say "booting $name: $smp vCPUs, TCG, timeout ${timeout}s, log $log"
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg,thread=multi -cpu "$QEMU_CPU" -smp "$smp" -m "$mem" \
	-bios qboot.rom -kernel "$kernel" -initrd "$BUILD/initramfs.cpio.gz" \
	-append "console=ttyS0 loglevel=4 panic=-1 oops=panic kunit.enable=0 tdxtest.mode=$mode $extra" \
	-display none -monitor none -serial stdio -no-reboot < /dev/null 2>&1 |
	tr -d '\r' | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 124 ] && echo "boot.sh: guest killed after ${timeout}s" >&2

if [ "$mode" = run ]; then
	grep -q '^TDXRUN-RESULT: ok' "$log" && grep -q '^TDXTEST-POWEROFF' "$log"
	exit
fi

boot_results "$name" "$log" "$rc"
