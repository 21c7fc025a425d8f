#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run scripts/checkpatch.pl --strict on every patch of the series. Each
# patch is one test: errors fail it; warnings and checks are reported.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

passed=0 failed=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	# Debian's python3 has ply and git for checkpatch's SPDX check.
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --terse --show-types \
		"$SERIES/$p" 2>&1 || true)
	summary=$(echo "$out" | grep '^total:' || echo "clean")
	if echo "$out" | grep -q ': ERROR:'; then
		failed=$((failed + 1))
		echo "not ok $p: $summary"
		echo "$out" | grep -E ': (ERROR|WARNING|CHECK):' | sed 's/^/    /'
	else
		passed=$((passed + 1))
		echo "ok $p: $summary"
		echo "$out" | grep -E ': (WARNING|CHECK):' | sed 's/^/    /' || true
	fi
done < "$SERIES/series"
say "checkpatch: $passed passed, $failed failed"
record checkpatch "$passed" "$failed"
[ "$failed" = 0 ]
