#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites with tools/testing/kunit/kunit.py on the build in
# build/obj, on several vCPUs. The kunitconfig is configs/*.config, so
# kunit.py finds the build already configured and only runs make.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

smp=${KUNIT_SMP:-4}
args=()
for f in "$ROOT"/configs/*.config; do args+=(--kunitconfig "$f"); done
log=$BUILD/kunit.log
set +e
(cd "$TREE" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--build_dir="$OBJ" --jobs="$JOBS" --timeout="${KUNIT_TIMEOUT:-900}" \
	--qemu_args="-smp $smp -m 2G -cpu max -accel tcg,thread=multi" \
	"${args[@]}" ${KUNIT_FILTER:+"$KUNIT_FILTER"}) 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# kunit.py ends with "Testing complete. Ran N tests: passed: P, failed: F, ..."
line=$(grep -E 'Testing complete\. Ran [0-9]+ tests' "$log" | tail -1)
passed=$(echo "$line" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
failed=$(echo "$line" | sed -n 's/.*failed: \([0-9]*\).*/\1/p')
crashed=$(echo "$line" | sed -n 's/.*crashed: \([0-9]*\).*/\1/p')
failed=$(( ${failed:-0} + ${crashed:-0} ))
if [ -z "$line" ] || { [ "$rc" != 0 ] && [ "$failed" = 0 ]; }; then
	echo "kunit.sh: kunit.py failed (rc $rc) without a test summary" >&2
	failed=$((failed + 1))
fi
say "kunit: ${passed:-0} passed, $failed failed"
record kunit "${passed:-0}" "$failed"
[ "$failed" = 0 ]
