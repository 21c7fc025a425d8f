#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make run: from nothing, build the patched kernel, boot it on 4 vCPUs and
# show its TDX state. Exits 0 when the guest booted, the TDX user loaded
# and TDX is ready, the model counted no invariant violation and the
# kernel logged no splat (scripts/initramfs/show-tdx.sh decides).
set -euo pipefail
S=$(dirname "$0")
"$S/setup.sh"
"$S/tree.sh"
"$S/build-kernel.sh"
"$S/mkinitramfs.sh"
if "$S/boot.sh" -m run -s "${SMP:-4}" -n run -t "${BOOT_TIMEOUT:-600}"; then
	echo "make run: OK"
else
	echo "make run: FAILED (see build/boot-run.log)"
	exit 1
fi
