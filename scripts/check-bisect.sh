#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build every commit of the series in order, incrementally, in build/obj
# with the test config, and say which ones fail. The tree is returned to
# where it was and build/obj reconfigured from configs/ afterwards.
# FROM=N starts at the N-th commit of the series (the ones before it are
# still counted, not built).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes"
head=$(git -C "$TREE" symbolic-ref -q --short HEAD || git -C "$TREE" rev-parse HEAD)
fails=0 n=0
for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
	n=$((n + 1))
	[ "$n" -ge "${FROM:-1}" ] || continue
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	git -C "$TREE" checkout -q "$c"
	cat "$ROOT"/configs/*.config > "$OBJ/.config"
	# Before the series drops INTEL_TDX_HOST's !KEXEC_CORE, kexec must be
	# off or olddefconfig silently drops the TDX code from the build.
	if git -C "$TREE" grep -q 'depends on !KEXEC_CORE' "$c" -- arch/x86/Kconfig; then
		printf '# CONFIG_KEXEC is not set\n# CONFIG_KEXEC_FILE is not set\n' >> "$OBJ/.config"
	fi
	start=$(date +%s)
	if make -s -C "$TREE" O="$OBJ" ARCH=x86_64 olddefconfig >/dev/null 2>&1 &&
	   make -s -C "$TREE" O="$OBJ" ARCH=x86_64 -j"$JOBS" bzImage modules \
		> "$BUILD/bisect-$n.log" 2>&1; then
		echo "ok $n $subject ($(($(date +%s) - start))s)"
	else
		echo "not ok $n $subject (see build/bisect-$n.log)"
		fails=$((fails + 1))
	fi
done
git -C "$TREE" checkout -q "$head"
rm -f "$OBJ/.fragments.sha"
"$ROOT/scripts/build-kernel.sh" > /dev/null
say "bisect build: $((n - fails - ${FROM:-1} + 1)) of $((n - ${FROM:-1} + 1)) commits build (commits ${FROM:-1}..$n of the series)"
[ "$fails" = 0 ]
