# SPDX-License-Identifier: GPL-2.0
# Common paths and helpers, sourced by every script in scripts/.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TREE=$BUILD/linux
OBJ=$BUILD/obj
RESULTS=$BUILD/results
SERIES=$ROOT/series
JOBS=${JOBS:-$(($(nproc) + 1))}
# shellcheck source=../base.conf
. "$ROOT/base.conf"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Identity for commits in the scratch tree. Exported patches keep the
# author recorded in the patch; only the committer comes from here.
git_tree() {
	local name email
	name=$(git -C "$ROOT" config user.name || true)
	email=$(git -C "$ROOT" config user.email || true)
	git -C "$TREE" -c user.name="${name:-tdx-series scratch}" \
		-c user.email="${email:-scratch@localhost}" "$@"
}

# Record the outcome of one test stage: record STAGE PASSED FAILED
record() {
	mkdir -p "$RESULTS"
	printf '%s %s\n' "$2" "$3" > "$RESULTS/$1"
}

# One TAP line: tap_ok STATUS DESCRIPTION, "ok" when STATUS is 0. The
# counts are in tap_pass and tap_fail.
tap_pass=0 tap_fail=0 tap_n=0
tap_ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n $2"
		tap_pass=$((tap_pass + 1))
	else
		echo "not ok $tap_n $2"
		tap_fail=$((tap_fail + 1))
	fi
}
