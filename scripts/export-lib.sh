# SPDX-License-Identifier: GPL-2.0
# export_patches DIR: write the tree's commits since the base as patches to
# DIR, deterministically: no numbering in subjects, zeroed From lines, no
# version signature, fixed abbreviation and diff algorithm, so a diff of
# series/ shows only real changes.
export_patches() {
	local dir=$1
	mkdir -p "$dir"
	git -C "$TREE" -c core.abbrev=12 -c diff.algorithm=myers \
		-c diff.renames=true -c diff.noprefix=false \
		-c diff.mnemonicPrefix=false \
		-c format.coverLetter=false -c format.signOff=false \
		format-patch -q --no-signature --zero-commit -N --no-thread \
		--no-attach --encode-email-headers --stat=80 \
		-o "$dir" base..HEAD >/dev/null
}

# patches_equal A B: the numbered patches in two directories are the same
patches_equal() {
	diff -q <(cd "$1" && for f in [0-9][0-9][0-9][0-9]-*.patch; do
			[ -e "$f" ] && [ "$f" != 0000-cover-letter.patch ] && cat "$f"; done) \
		<(cd "$2" && for f in [0-9][0-9][0-9][0-9]-*.patch; do
			[ -e "$f" ] && [ "$f" != 0000-cover-letter.patch ] && cat "$f"; done) >/dev/null
}
