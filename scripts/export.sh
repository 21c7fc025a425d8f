#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Write the commits of build/linux since "base" back to series/ and
# regenerate the quilt "series" file. The cover letter is kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export-lib.sh"

[ -d "$TREE/.git" ] || die "no tree at $TREE; run 'make tree'"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes; commit them first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_patches "$tmp"

mkdir -p "$SERIES"
find "$SERIES" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name 0000-cover-letter.patch -delete
{
	echo "# Apply in this order (quilt: debian/patches/series format)."
	for f in "$tmp"/*.patch; do
		[ -e "$f" ] || continue
		cp "$f" "$SERIES/"
		basename "$f"
	done
} > "$SERIES/series"
say "exported $(grep -vc "^#" "$SERIES/series" || true) patches to series/"
git -C "$ROOT" status --short -- series/
