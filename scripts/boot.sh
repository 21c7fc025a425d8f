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
	-accel tcg,thread=multi -cpu max -smp "$smp" -m "$mem" \
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

# Count the top-level KTAP results; a missing END marker or result lines
# fewer than the plan mean the guest crashed or hung: those count as failed.
ktap=$(sed -n '/^TDXTEST-BEGIN$/,/^TDXTEST-END$/p' "$log")
plan=$(printf '%s\n' "$ktap" | sed -n 's/^1\.\.\([0-9]*\).*/\1/p' | head -1)
passed=$(printf '%s\n' "$ktap" | grep -c -E '^ok [0-9]+ ' || true)
skipped=$(printf '%s\n' "$ktap" | grep -c -E '^ok [0-9]+ .*# SKIP' || true)
failed=$(printf '%s\n' "$ktap" | grep -c -E '^not ok [0-9]+ ' || true)
missing=0
if ! grep -q '^TDXTEST-END$' <<< "$ktap"; then
	echo "boot.sh: $name did not finish (rc $rc)" >&2
	missing=$(( ${plan:-0} - passed - failed ))
	[ "$missing" -gt 0 ] || missing=1
fi
failed=$((failed + missing))
passed=$((passed - skipped))

# Once a test enabled TDX, the power off must run the ordered shutdown,
# unless tdx_host_test's admin_shutdown (which checks the result itself)
# already shut TDX down on request.  (Here-strings, not pipes: grep -q
# stops reading at the first match, and with pipefail the writer's
# SIGPIPE on a long log would read as no match.)
if grep -q -E '^ +ok [0-9]+ tdx\.admin_shutdown$' <<< "$ktap"; then
	echo "[$name] TDX was shut down on request before power off" >&2
elif grep -q -E '^ok [0-9]+ tdx:host_(tdx_lifecycle|torture)\.sh$' <<< "$ktap"; then
	if sed -n '/^TDXTEST-POWEROFF$/,$p' "$log" | grep -q 'virt/tdx: module shut down'; then
		echo "[$name] ok ordered_shutdown_at_poweroff" >&2
		passed=$((passed + 1))
	else
		echo "[$name] not ok ordered_shutdown_at_poweroff (no 'virt/tdx: module shut down' after TDXTEST-POWEROFF)" >&2
		failed=$((failed + 1))
	fi
fi
printf '%s\n' "$ktap" | grep -E '^(not )?ok [0-9]+ ' | sed "s/^/[$name] /" >&2 || true
say "boot $name: $passed passed, $failed failed, $skipped skipped"
record "boot-$name" "$passed" "$failed"
[ "$failed" = 0 ]
