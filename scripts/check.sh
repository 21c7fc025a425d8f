#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: the static checks a reviewer runs, with the test config in
# build/check-obj (build/obj, the test kernel, is left alone). Each
# numbered line is one test:
#   - every patch, in order: the objects the series touches (all of
#     arch/x86/virt/, plus kvm/vmx/vmx.o, mce/core.o, reboot.o,
#     machine_kexec_64.o, crash.o, smp.o) rebuilt incrementally with W=1 and sparse (C=1,
#     Debian's sparse) with no error and no warning in a file of the
#     series; the selftests build (tdx_host_test.c with -Wall) and their
#     scripts parse (bash -n). Objects only: "make bisect" links a whole
#     kernel at every patch, which takes longer than CI allows;
#   - at the tip: scripts/kernel-doc -none -Wall has no more warnings on
#     the touched .c/.h files than at the base;
#   - at the tip: the documentation the series touches builds
#     (make SPHINXDIRS="arch/x86 admin-guide" htmldocs, Debian's Sphinx)
#     with no warning that names a file of the series.
# The commits are checked out in a worktree of their own,
# build/check-src, so build/linux and the test kernel built from it are
# not touched (checking out there would make the next build recompile
# most of the kernel).
set -uo pipefail
. "$(dirname "$0")/lib.sh"
# Nothing could be checked: one failure, so that make test counts it.
die() { printf 'error: %s\n' "$*" >&2; record check 0 1; exit 1; }

[ -d "$TREE/.git" ] || die "no tree at $TREE; run 'make tree'"
OBJ=$BUILD/check-obj
mkdir -p "$OBJ"
command -v sparse >/dev/null || die "sparse is not installed (scripts/setup.sh installs it)"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	say "check: $TREE has uncommitted changes; only commits are checked"
SRC=$BUILD/check-src
if [ ! -e "$SRC/.git" ]; then
	rm -rf "$SRC"
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$SRC" HEAD || die "cannot create $SRC"
fi

mk() { make -C "$SRC" O="$OBJ" ARCH=x86_64 "$@"; }

echo "TAP version 13"
# The selftests include the exported headers (as kselftest does).
cat "$ROOT"/configs/*.config > "$OBJ/.config"
{ mk -s olddefconfig && mk -s headers; } > /dev/null 2>&1 || die "make headers failed"
# Files of the whole series; at each commit, count warnings in any of them.
all_files=$(git -C "$TREE" diff --name-only base..HEAD -- '*.c' '*.h' | grep -v '^tools/')
# Single objects outside arch/x86/virt/, with the option that builds them.
single="arch/x86/kvm/vmx/vmx.o:KVM_INTEL arch/x86/kernel/cpu/mce/core.o:X86_MCE
	arch/x86/kernel/reboot.o:X86_64 arch/x86/kernel/machine_kexec_64.o:KEXEC_CORE
	arch/x86/kernel/crash.o:CRASH_DUMP arch/x86/kernel/smp.o:SMP"
k=0
for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
	k=$((k + 1))
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	git -C "$SRC" checkout -q --detach "$c"
	want=$(cat "$ROOT"/configs/*.config)
	# Before the series drops INTEL_TDX_HOST's !KEXEC_CORE, kexec must be
	# off or olddefconfig silently drops the TDX code from the build.
	if git -C "$TREE" grep -q 'depends on !KEXEC_CORE' "$c" -- arch/x86/Kconfig; then
		want=$(printf '%s\n# CONFIG_KEXEC is not set\n# CONFIG_KEXEC_FILE is not set' "$want")
	fi
	log=$BUILD/check-$k.log
	s=$(date +%s)
	rc=0
	: > "$log"
	# A commit that changes nothing the kernel build reads builds what
	# its parent built: skip the object build.
	if git -C "$TREE" show --name-only --format= "$c" |
	   grep -qvE '^(tools/|Documentation/|MAINTAINERS$)'; then
		# Configure again only when the options asked for or the
		# Kconfig files changed (a new option needs its value).
		if [ "$want" != "${have:-}" ] ||
		   git -C "$TREE" show --name-only --format= "$c" | grep -q 'Kconfig'; then
			printf '%s\n' "$want" > "$OBJ/.config"
			mk -s olddefconfig >> "$log" 2>&1 || rc=$?
			have=$want
		fi
		objs=
		for o in $single; do
			grep -q "^CONFIG_${o#*:}=[ym]" "$OBJ/.config" && objs="$objs ${o%:*}"
		done
		mk -j"$JOBS" W=1 C=1 arch/x86/virt/ $objs >> "$log" 2>&1 || rc=$?
	fi
	w=0
	for f in $all_files; do
		c2=$(grep -c "$f:[0-9]*:[0-9]*: \(warning\|error\)" "$log")
		[ "$c2" = 0 ] || { grep "$f:[0-9]*:[0-9]*:" "$log" | head -10 >&2; w=$((w + c2)); }
	done
	# The selftests: build the C test, parse the scripts.
	if git -C "$TREE" show --stat --format= "$c" | grep -q 'tools/testing/selftests/tdx/'; then
		for sh in "$SRC"/tools/testing/selftests/tdx/*.sh; do
			bash -n "$sh" >> "$log" 2>&1 || { echo "bash -n $sh failed" >> "$log"; rc=1; }
		done
		if [ -f "$SRC/tools/testing/selftests/tdx/tdx_host_test.c" ]; then
			st=$(mktemp -d)
			make -C "$SRC/tools/testing/selftests/tdx" OUTPUT="$st" \
				KHDR_INCLUDES="-isystem $OBJ/usr/include" >> "$log" 2>&1 || rc=1
			w=$((w + $(grep -c 'tdx_host_test.c:[0-9]*:[0-9]*: warning' "$log")))
			rm -rf "$st"
		fi
	fi
	[ "$rc" = 0 ] || tail -20 "$log" >&2
	[ "$rc" = 0 ] && [ "$w" = 0 ]
	tap_ok $? "patch $k builds, W=1 and sparse clean: $subject ($(($(date +%s) - s))s)"
done

# kernel-doc on the touched files at the tip, against the base.
w=0
tmp=$(mktemp)
for f in $all_files; do
	now=$("$TREE/scripts/kernel-doc" -none -Wall "$TREE/$f" 2>&1 | grep -c warning)
	before=0
	if git -C "$TREE" show "base:$f" > "$tmp" 2>/dev/null; then
		before=$("$TREE/scripts/kernel-doc" -none -Wall "$tmp" 2>&1 | grep -c warning)
	fi
	if [ "$now" -gt "$before" ]; then
		echo "check: kernel-doc: $f has $now warnings, $before at the base" >&2
		w=$((w + now - before))
	fi
done
rm -f "$tmp"
tap_ok "$w" "kernel-doc -Wall: $w new warnings in $(echo $all_files | wc -w) files"

# The documentation the series touches, built with Debian's Sphinx.
docs=$(git -C "$TREE" diff --name-only base..HEAD -- Documentation)
log=$BUILD/check-htmldocs.log
s=$(date +%s)
rc=0
mk -j"$JOBS" SPHINXDIRS="arch/x86 admin-guide" htmldocs > "$log" 2>&1 || rc=$?
# Each SPHINXDIRS entry is built as a project of its own, so a reference
# to a document of another directory cannot resolve here; such a warning
# is only an error if the document does not exist in the tree.
w=0 xref=0
for f in $docs $all_files; do
	while read -r l; do
		[ -n "$l" ] || continue
		d=$(sed -n "s/.*unknown document: '\/*\([^']*\)'.*/\1/p" <<< "$l")
		if [ -n "$d" ] && [ -f "$TREE/Documentation/$d.rst" ]; then
			xref=$((xref + 1))
		else
			echo "$l" >&2
			w=$((w + 1))
		fi
	done <<< "$(grep -i "$f.*\(warning\|error\)" "$log")"
done
[ -f "$OBJ/Documentation/output/arch/x86/tdx.html" ] || { echo "check: no tdx.html" >&2; rc=1; }
[ "$rc" = 0 ] || tail -20 "$log" >&2
[ "$rc" = 0 ] && [ "$w" = 0 ]
tap_ok $? "htmldocs (arch/x86, admin-guide): $w warnings in files of the series, $xref references across directories ($(($(date +%s) - s))s)"

echo "1..$tap_n"
say "check: $tap_pass passed, $tap_fail failed"
record check "$tap_pass" "$tap_fail"
[ "$tap_fail" = 0 ]
