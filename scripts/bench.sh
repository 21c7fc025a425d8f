#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: boot the test kernel (the TDX module model) under QEMU TCG on
# 8 vCPUs in 2 packages with 4 NUMA nodes of 1GB (4 TDMRs) and run the
# KUnit suite tdx_bench: SEAMCALLs per leaf against the minimum, the
# wall time of tdx_enable() in parallel and in the serial 6.12 flow, the
# critical path, CPU online latency, and the cost for a host that never
# enables TDX. Prints its figures and keeps them in build/bench.txt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$OBJ/.config" ] || die "no kernel build in $OBJ; run 'make kernel'"
numa=
for n in 0 1 2 3; do
	numa="$numa -object memory-backend-ram,id=m$n,size=1G"
	numa="$numa -numa node,nodeid=$n,cpus=$((2 * n))-$((2 * n + 1)),memdev=m$n"
done
qemu_args="-smp 8,sockets=2 -m 4G $numa -cpu $QEMU_CPU -accel tcg,thread=multi"
cfg=()
for f in "$ROOT"/configs/*.config; do cfg+=(--kunitconfig "$f"); done

log=$BUILD/bench.log
set +e
(cd "$TREE" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--build_dir="$OBJ" --jobs="$JOBS" --timeout="${BENCH_TIMEOUT:-600}" \
	--kernel_args=panic=-1 --qemu_args="$qemu_args" "${cfg[@]}" \
	--raw_output=all tdx_bench) > "$log" 2>&1
rc=$?
set -e
sed -n 's/.*tdx_bench: //p' "$log" > "$BUILD/bench.txt"
{
	echo "== make bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) host CPUs, QEMU TCG, test kernel (lockdep, KASAN)"
	cat "$BUILD/bench.txt"
} | tee "$BUILD/bench.txt.new"
mv "$BUILD/bench.txt.new" "$BUILD/bench.txt"
grep -qE '^ok [0-9]+ tdx_bench' "$log" || { echo "bench: tdx_bench did not pass (rc $rc), see $log" >&2; exit 1; }
