#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build bzImage and modules of build/linux out of tree in build/obj, from
# the fragments in configs/, and install the modules to build/modroot.
# The same build serves the QEMU boot tests and kunit.py.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "no tree at $TREE; run 'make tree'"
FRAGMENTS=${FRAGMENTS:-$(ls "$ROOT"/configs/*.config)}
mkdir -p "$OBJ"

# Configure only when the fragments changed, so rebuilds stay incremental.
want=$(cat $FRAGMENTS | sha256sum | cut -d' ' -f1)
if [ ! -f "$OBJ/.config" ] || [ "$(cat "$OBJ/.fragments.sha" 2>/dev/null)" != "$want" ]; then
	say "configuring from: $(echo $FRAGMENTS | xargs -n1 basename | tr '\n' ' ')"
	cat $FRAGMENTS > "$OBJ/.config"
	make -s -C "$TREE" O="$OBJ" ARCH=x86_64 olddefconfig
	bad=0
	# A later fragment overrides an earlier one: check the last value.
	for l in $(cat $FRAGMENTS | sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*=.*\)$/\1/p' \
		-e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1=n/p' |
		awk -F= '{ v[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; o[++n] = $1 } }
			END { for (i = 1; i <= n; i++) print v[o[i]] }'); do
		sym=${l%%=*} val=${l#*=}
		got=$(sed -n -e "s/^$sym=//p" -e "s/^# $sym is not set$/n/p" "$OBJ/.config")
		if [ "${got:-n}" != "$val" ]; then
			echo "config: $sym wanted $val, got ${got:-unset}" >&2
			bad=1
		fi
	done
	[ "$bad" = 0 ] || die "configs/ asks for options Kconfig did not grant"
	echo "$want" > "$OBJ/.fragments.sha"
fi

say "building bzImage and modules (-j$JOBS)"
start=$(date +%s)
set +e
make -C "$TREE" O="$OBJ" ARCH=x86_64 -j"$JOBS" ${W:+W=$W} bzImage modules 2>&1 |
	grep --line-buffered -v '^make\['
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || die "kernel build failed"
rm -rf "$MODROOT"
make -s -C "$TREE" O="$OBJ" ARCH=x86_64 INSTALL_MOD_PATH="$MODROOT" \
	INSTALL_MOD_STRIP=1 modules_install
say "kernel built in $(($(date +%s) - start))s: $OBJ/arch/x86/boot/bzImage"
