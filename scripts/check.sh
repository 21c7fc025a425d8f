#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: the static checks a reviewer runs, on the C files the series
# touches (selftests aside), with the test config in build/obj:
#   - sparse (C=2, Debian's sparse) and W=1: no warning in those files;
#   - scripts/kernel-doc -none -Wall: no more warnings than at the base.
# Each check counts as one test. Needs a configured build ("make kernel").
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$OBJ/.config" ] || die "no kernel build in $OBJ; run 'make kernel'"
command -v sparse >/dev/null || die "sparse is not installed (scripts/setup.sh installs it)"
files=$(git -C "$TREE" diff --name-only base..HEAD -- '*.c' | grep -v '^tools/')
objs=$(for f in $files; do echo "${f%.c}.o"; done)
passed=0 failed=0

say "sparse and W=1 on: $(echo $files)"
log=$BUILD/check-sparse.log
make -C "$TREE" O="$OBJ" ARCH=x86_64 -j"$JOBS" C=2 W=1 $objs > "$log" 2>&1 ||
	{ echo "check: build of $objs failed, see $log" >&2; failed=$((failed + 1)); }
n=0
for f in $files; do
	c=$(grep -c "^$TREE/$f:[0-9]*:[0-9]*: \(warning\|error\)" "$log" || true)
	[ "$c" = 0 ] || { grep "^$TREE/$f:" "$log" | head -20 >&2; n=$((n + c)); }
done
if [ "$n" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
say "sparse, W=1: $n warnings in the touched files"

n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in $files $(git -C "$TREE" diff --name-only base..HEAD -- '*.h' | grep -v '^tools/'); do
	now=$("$TREE/scripts/kernel-doc" -none -Wall "$TREE/$f" 2>&1 | grep -c warning || true)
	before=0
	if git -C "$TREE" show "base:$f" > "$tmp" 2>/dev/null; then
		before=$("$TREE/scripts/kernel-doc" -none -Wall "$tmp" 2>&1 | grep -c warning || true)
	fi
	if [ "$now" -gt "$before" ]; then
		echo "check: kernel-doc: $f has $now warnings, $before at the base" >&2
		n=$((n + now - before))
	fi
done
if [ "$n" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
say "kernel-doc: $n new warnings"
record check "$passed" "$failed"
[ "$failed" = 0 ]
