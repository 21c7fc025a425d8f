#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites with tools/testing/kunit/kunit.py on the build in
# build/obj, on 4 vCPUs in 2 packages. The kunitconfig is configs/*.config,
# so kunit.py finds the build already configured and only runs make.
#
# Each shared suite runs in one boot. Suites that need a fresh boot per
# case can be listed in KUNIT_ISOLATED (run with --run_isolated=test);
# none does since tdx_core resets the module between cases.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SHARED_SUITES=${KUNIT_SHARED:-x86_virt tdx_model tdx_core}
ISOLATED_SUITES=${KUNIT_ISOLATED:-}
# Two NUMA nodes of 1GB, one per package: two TDMRs, initialized in
# parallel.
numa="-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,cpus=0-1,memdev=m0"
numa="$numa -object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,cpus=2-3,memdev=m1"
qemu_args="-smp ${KUNIT_SMP:-4},sockets=2 -m 2G $numa -cpu $QEMU_CPU -accel tcg,thread=multi"
cfg=()
# Before the series drops INTEL_TDX_HOST's !KEXEC_CORE (a tree checked out
# at an early patch), kexec must be off or the TDX code and its tests
# silently drop out of the build: use the configs without CONFIG_KEXEC*.
if grep -q 'depends on !KEXEC_CORE' "$TREE/arch/x86/Kconfig"; then
	mkdir -p "$BUILD/kunitconfig-nokexec"
	for f in "$ROOT"/configs/*.config; do
		grep -v '^CONFIG_KEXEC' "$f" > "$BUILD/kunitconfig-nokexec/${f##*/}"
	done
	say "the tree refuses TDX with kexec: KUnit configs without CONFIG_KEXEC*"
	for f in "$BUILD"/kunitconfig-nokexec/*.config; do cfg+=(--kunitconfig "$f"); done
else
	for f in "$ROOT"/configs/*.config; do cfg+=(--kunitconfig "$f"); done
fi

kunit() {
	(cd "$TREE" && python3 tools/testing/kunit/kunit.py "$@" --arch=x86_64 \
		--build_dir="$OBJ" --timeout="${KUNIT_TIMEOUT:-300}" \
		--kernel_args=panic=-1 --qemu_args="$qemu_args")
}

# A test kernel that logs a splat fails the stage even when every case
# passed, as kernel_log_clean does for the boots: lockdep, KASAN,
# might_sleep, BUG and WARN. The only WARNs allowed are those a suite
# provokes on purpose, by the function that warns (x86_virt's misuse
# case: a put without a get, a get from a preemptible task).
declare -A allow_warn=([x86_virt]="x86_virt_get_ref x86_virt_put_ref")
splats=0
check_splats() {
	local glob=$1 raw=$BUILD/kunit-$1.raw
	cp "$OBJ/test.log" "$raw" 2>/dev/null || { echo "kunit.sh: no kernel log for $glob" >&2; splats=$((splats + 1)); return; }
	if awk -v allow="${allow_warn[$glob]:-}" '
		BEGIN { n = split(allow, a, " "); for (j = 1; j <= n; j++) ok[a[j]] = 1 }
		skip && /---\[ end trace/ { skip = 0; next }
		skip { next }
		/WARNING:.* at [^ ]+:[0-9]+ / {
			fn = $0; sub(/.* at [^ ]+:[0-9]+ /, "", fn); sub(/\+.*/, "", fn)
			if (fn in ok) { skip = 1; next }
		}
		{ print }' "$raw" |
		grep -E '^(\[[ 0-9.:]*\] )?(\[ *[0-9.]+\] )?(WARNING:|BUG:)|KASAN|possible circular|inconsistent lock|sleeping function called|Call Trace' > "$raw.splat"; then
		echo "kunit.sh: the $glob test kernel logged a splat (see $raw):" >&2
		head -20 "$raw.splat" >&2
		splats=$((splats + 1))
	fi
}

log=$BUILD/kunit.log
: > "$log"
rc=0
for glob in $SHARED_SUITES; do
	kunit run --jobs="$JOBS" "${cfg[@]}" "$glob" 2>&1 | tee -a "$log" || rc=1
	check_splats "$glob"
done
for glob in $ISOLATED_SUITES; do
	kunit exec --run_isolated=test "$glob" 2>&1 | tee -a "$log" || rc=1
	check_splats "$glob"
done

# Each kernel boot ends with "Testing complete. Ran N tests: passed: P,
# failed: F, crashed: C, skipped: S, errors: E": add them all up.
sum() {
	grep -E 'Testing complete\. Ran [0-9]+ tests' "$log" |
		sed -n "s/.*$1: \([0-9]*\).*/\1/p" | awk '{ s += $1 } END { print s + 0 }'
}
runs=$(grep -cE 'Testing complete\. Ran [0-9]+ tests' "$log" || true)
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum crashed) + splats ))
skipped=$(sum skipped)
if [ "$runs" = 0 ] || { [ "$rc" != 0 ] && [ "$failed" = 0 ]; }; then
	echo "kunit.sh: kunit.py failed without a test summary" >&2
	failed=$((failed + 1))
fi
say "kunit: $passed passed, $failed failed, $skipped skipped ($runs kernel boots)"
record kunit "$passed" "$failed"
[ "$failed" = 0 ]
