#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The series as a Debian maintainer applies it: series/ as debian/patches
# of a pristine unpack of the pinned linux-source tarball, then
# "quilt push -a". Tests: every patch applies with no fuzz and no offset;
# the files the series touches end up identical to the git tree's
# (build/linux, applied with git am).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
die() { printf 'error: %s\n' "$*" >&2; record quilt 0 1; exit 1; }

command -v quilt >/dev/null || die "quilt is not installed (scripts/setup.sh installs it)"
[ -d "$TREE/.git" ] || die "no tree at $TREE; run 'make tree'"
out=$BUILD/quilt
rm -rf "$out"
mkdir -p "$out"
tar -xf "$LINUX_SOURCE_TARBALL" -C "$out" --strip-components=1 || die "cannot unpack $LINUX_SOURCE_TARBALL"
mkdir -p "$out/debian/patches"
grep -v '^#' "$SERIES/series" | while read -r p; do
	[ -n "$p" ] && cp "$SERIES/$p" "$out/debian/patches/"
done
grep -v '^#' "$SERIES/series" > "$out/debian/patches/series"
want=$(grep -c . "$out/debian/patches/series")

echo "TAP version 13"
log=$BUILD/quilt.log
(cd "$out" && QUILT_PATCHES=debian/patches quilt push -a) > "$log" 2>&1
rc=$?
applied=$(grep -c '^Applying patch' "$log")
[ "$rc" = 0 ] && [ "$applied" = "$want" ]
tap_ok $? "quilt push -a applies $applied of $want patches"
fuzz=$(grep -cE 'with fuzz|offset [0-9]+ line' "$log")
[ "$fuzz" = 0 ] || grep -E 'with fuzz|offset [0-9]+ line' "$log" >&2
tap_ok "$fuzz" "no fuzz and no offset ($fuzz hunks)"

diff=0 files=0
for f in $(git -C "$TREE" diff --name-only base..HEAD); do
	files=$((files + 1))
	if git -C "$TREE" cat-file -e "HEAD:$f" 2>/dev/null; then
		git -C "$TREE" show "HEAD:$f" | cmp -s - "$out/$f" ||
			{ echo "quilt: $f differs from the git tree" >&2; diff=$((diff + 1)); }
	elif [ -e "$out/$f" ]; then
		echo "quilt: $f should be gone" >&2
		diff=$((diff + 1))
	fi
done
tap_ok "$diff" "the $files files the series touches equal the git tree's ($diff differ)"
rm -rf "$out"
say "quilt: $tap_pass passed, $tap_fail failed"
record quilt "$tap_pass" "$tap_fail"
[ "$tap_fail" = 0 ]
