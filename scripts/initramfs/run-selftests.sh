#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every test in /selftests/*/ as one KTAP test (exit 0 pass,
# 4 skip, anything else fail), each test's own KTAP output nested by
# indentation, then check the kernel log for splats.
cd /selftests || exit 1
# A directory's .order file (its TEST_PROGS) gives the order; otherwise
# every executable in it, sorted.
tests=$(for d in */; do
	d=${d%/}
	if [ -f "$d/.order" ]; then
		sed "s|^|$d/|" "$d/.order"
	else
		for f in "$d"/*; do [ -f "$f" ] && [ -x "$f" ] && echo "$f"; done
	fi
done)
# Options on the kernel command line:
#   tdxtest.only=A,B	run only the tests named A and B (file names)
#   tdxtest.shutdown=1	let tdx_host_test shut TDX down (admin_shutdown)
#   tdxtest.torture=1	run host_torture.sh in its CI size (500 cycles)
#   tdxtest.soak=SECS	run host_torture.sh for SECS seconds, no cycle limit
#   tdxtest.allow_warn=F:L,...	WARNs at these FILE:LINEs (and their traces)
#			are not splats: known warnings of an emulator's CPUID
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	tdxtest.only=*) only=$(echo "${arg#*=}" | tr ',' ' ') ;;
	tdxtest.shutdown=1) export TDX_TEST_SHUTDOWN=1 ;;
	tdxtest.torture=1) export TDX_TORTURE=1 ;;
	tdxtest.allow_warn=*) allow_warn=$(echo "${arg#*=}" | tr ',' ' ') ;;
	tdxtest.soak=*)
		export TDX_TORTURE=1 TDX_TORTURE_CYCLES=0 TDX_TORTURE_MIN=500
		export TDX_TORTURE_SECS=${arg#*=} ;;
	esac
done
# A name in tdxtest.only= that matches no test is a failed test, not a
# silently shorter run.
missing=
if [ -n "${only:-}" ]; then
	names=" $(for t in $tests; do basename "$t"; done | tr '\n' ' ')"
	for o in $only; do
		case "$names" in *" $o "*) ;; *) missing="$missing $o" ;; esac
	done
	tests=$(for t in $tests; do
		for o in $only; do [ "$(basename "$t")" = "$o" ] && echo "$t"; done
	done)
fi
n=0
for t in $tests $missing; do n=$((n + 1)); done

echo "TDXTEST-BEGIN"
echo "KTAP version 1"
echo "1..$((n + 1))"
i=0
for t in $tests; do
	i=$((i + 1))
	name=$(echo "$t" | tr '/' ':')
	echo "# running $name"
	{ (cd "$(dirname "$t")" && "./$(basename "$t")") 2>&1; echo $? > /tmp/rc; } |
		sed 's/^/    /'
	rc=$(cat /tmp/rc)
	case "$rc" in
	0) echo "ok $i $name" ;;
	4) echo "ok $i $name # SKIP" ;;
	*) echo "# $name exited with $rc"; echo "not ok $i $name" ;;
	esac
done

for o in $missing; do
	i=$((i + 1))
	echo "# tdxtest.only: no test named $o"
	echo "not ok $i $o"
done

# Lockdep, KASAN, might_sleep and WARN splats fail the run even when every
# test passed. A WARN at an allowed FILE:LINE is dropped with its trace,
# up to its end marker, and listed.
i=$((i + 1))
dmesg | awk -v allow="${allow_warn:-}" '
	BEGIN { n = split(allow, a, " "); for (j = 1; j <= n; j++) ok[a[j]] = 1 }
	skip && /---\[ end trace/ { skip = 0; next }
	skip { next }
	/WARNING:.* at [^ ]+:[0-9]+ / {
		match($0, / at [^ ]+:[0-9]+ /)
		w = substr($0, RSTART + 4, RLENGTH - 5)
		if (w in ok) { print "# allowed: " $0 > "/dev/stderr"; skip = 1; next }
	}
	{ print }' > /tmp/dmesg 2> /tmp/allowed
[ -s /tmp/allowed ] && cat /tmp/allowed
# A splat's WARNING starts its line; a subsystem's own message that says
# "WARNING:" after its prefix (RETBleed's mitigation notice) is none.
if grep -E '^(\[[ 0-9.]*\] )?WARNING:|BUG:|KASAN|possible circular|inconsistent lock|sleeping function called|Call Trace' /tmp/dmesg > /tmp/splat; then
	sed 's/^/# /' /tmp/splat | head -40
	echo "not ok $i kernel_log_clean"
else
	echo "ok $i kernel_log_clean"
fi
echo "TDXTEST-END"
