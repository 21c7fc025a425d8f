#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Create build/linux: a git tree holding the pinned Debian source as the
# "base" commit, with series/ applied on top by git am. An existing tree is
# reused; it is only reset when that loses nothing: uncommitted changes or
# commits that differ from series/ make it refuse (FORCE=1 overrides).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export-lib.sh"

stamp=$TREE/.git/tdx-base-version

make_base() {
	say "unpacking $LINUX_SOURCE_TARBALL into $TREE"
	rm -rf "$TREE" "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xf "$LINUX_SOURCE_TARBALL" -C "$TREE.tmp" --strip-components=1
	mv "$TREE.tmp" "$TREE"
	git -C "$TREE" init -q -b work
	# Debian's tarball ignores everything with a top-level "/*".
	git -C "$TREE" add -f -A .
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" git_tree commit -q \
		-m "Linux $LINUX_SOURCE_VERSION ($LINUX_SOURCE_PKG)"
	git -C "$TREE" tag base
	echo "$LINUX_SOURCE_VERSION" > "$stamp"
}

if [ ! -d "$TREE/.git" ]; then
	make_base
elif [ "$(cat "$stamp" 2>/dev/null)" != "$LINUX_SOURCE_VERSION" ]; then
	[ "${FORCE:-}" = 1 ] ||
		die "$TREE is based on $(cat "$stamp" 2>/dev/null || echo '?'), base.conf pins $LINUX_SOURCE_VERSION; export your work, then 'make tree FORCE=1'"
	make_base
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_patches "$tmp/head"

if patches_equal "$tmp/head" "$SERIES"; then
	if [ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
		say "$TREE is up to date with series/ ($(git -C "$TREE" rev-list --count base..HEAD) patches)"
		exit 0
	fi
fi

if [ "${FORCE:-}" != 1 ]; then
	if [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
		die "$TREE has uncommitted changes; commit and 'make export', or 'make tree FORCE=1' to drop them"
	fi
	if [ "$(git -C "$TREE" rev-parse HEAD)" != "$(git -C "$TREE" rev-parse base)" ]; then
		die "$TREE has commits that differ from series/; 'make export' first, or 'make tree FORCE=1' to drop them"
	fi
fi

git -C "$TREE" am --abort >/dev/null 2>&1 || true
git -C "$TREE" checkout -q -f -B work base
n=0
if [ -f "$SERIES/series" ]; then
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		if ! git_tree am -q --keep-cr "$SERIES/$p"; then
			git -C "$TREE" am --abort || true
			die "series/$p does not apply"
		fi
		n=$((n + 1))
	done < "$SERIES/series"
fi
say "$TREE: base + $n patches applied"
