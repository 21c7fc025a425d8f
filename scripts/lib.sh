# SPDX-License-Identifier: GPL-2.0
# Common paths and helpers, sourced by every script in scripts/.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TREE=$BUILD/linux
# A second build (the Bochs kernel) sets OBJ, MODROOT and INITRAMFS.
OBJ=${OBJ:-$BUILD/obj}
MODROOT=${MODROOT:-$BUILD/modroot}
INITRAMFS=${INITRAMFS:-$BUILD/initramfs.cpio.gz}
RESULTS=$BUILD/results
SERIES=$ROOT/series
JOBS=${JOBS:-$(($(nproc) + 1))}
# The CPU of the QEMU TCG guests, without 5-level paging: 6.12's
# identify_cpu() clears the boot CPU's capabilities, LA57 included, with
# interrupts on, and an interrupt landing there makes KASAN compute its
# shadow range for 4-level paging and report a "wild-memory-access" in
# rcu_is_watching() (seen once, with the machine under load). That is
# the base kernel's race, not the series'; TDX does not depend on it.
QEMU_CPU=max,la57=off
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

# Count one boot's results: boot_results NAME LOG RC [CHECK STATUS]...
# The top-level KTAP between the markers of LOG, each CHECK (a result the
# harness found itself, ok when STATUS is 0), and the ordered shutdown at
# power off; recorded as stage boot-NAME. Returns non-zero on a failure.
boot_results() {
	local name=$1 log=$2 rc=$3 ktap plan passed skipped failed missing
	shift 3
	# A missing END marker or result lines fewer than the plan mean the
	# guest crashed or hung: those count as failed.
	ktap=$(sed -n '/^TDXTEST-BEGIN$/,/^TDXTEST-END$/p' "$log")
	plan=$(printf '%s\n' "$ktap" | sed -n 's/^1\.\.\([0-9]*\).*/\1/p' | head -1)
	passed=$(printf '%s\n' "$ktap" | grep -c -E '^ok [0-9]+ ' || true)
	skipped=$(printf '%s\n' "$ktap" | grep -c -E '^ok [0-9]+ .*# SKIP' || true)
	failed=$(printf '%s\n' "$ktap" | grep -c -E '^not ok [0-9]+ ' || true)
	missing=0
	if ! grep -q '^TDXTEST-END$' <<< "$ktap"; then
		echo "$name did not finish (rc $rc)" >&2
		missing=$(( ${plan:-0} - passed - failed ))
		[ "$missing" -gt 0 ] || missing=1
	fi
	failed=$((failed + missing))
	passed=$((passed - skipped))

	# Once a test enabled TDX, the power off must run the ordered
	# shutdown, unless a test (tdx_host_test's admin_shutdown, which
	# checks the result itself) already shut TDX down on request.
	# (Here-strings, not pipes: grep -q stops reading at the first
	# match, and with pipefail the writer's SIGPIPE on a long log would
	# read as no match.)
	if grep -q -E '^ +ok [0-9]+ (tdx\.admin_shutdown|tdx_shutdown_with_vm_running)$' <<< "$ktap"; then
		echo "[$name] TDX was shut down on request before power off" >&2
	elif grep -q -E '^ok [0-9]+ tdx:host_(tdx_lifecycle|torture)\.sh$' <<< "$ktap"; then
		if sed -n '/^TDXTEST-POWEROFF$/,$p' "$log" | grep -q 'virt/tdx: module shut down'; then
			echo "[$name] ok ordered_shutdown_at_poweroff" >&2
			passed=$((passed + 1))
		else
			echo "[$name] not ok ordered_shutdown_at_poweroff (no 'virt/tdx: module shut down' after TDXTEST-POWEROFF)" >&2
			failed=$((failed + 1))
		fi
	fi
	# The model's own account of the way down, printed after the TDX
	# core's syscore shutdown: the module shut down (if TDX was ever
	# enabled), no CPU left in VMX operation, no invariant violated.
	report=$(sed -n '/^TDXTEST-POWEROFF$/,$p' "$log" | grep -a 'tdx_model: at shutdown:' | tail -1)
	if ! grep -q '^TDXTEST-POWEROFF$' "$log"; then
		:	# kexec and crash boots do not power off
	elif [ -n "$report" ]; then
		ok=1
		grep -q 'violations: seamcall_outside_vmx 0 bad_vmx_op 0 offline_in_vmx 0 redundant_seamcall 0 pamt_reset_while_live 0 seamcall_after_shutdown 0' <<< "$report" || ok=0
		grep -q ', 0 CPUs in VMX operation,' <<< "$report" || ok=0
		if grep -q -E '^ok [0-9]+ tdx:host_(tdx_lifecycle|torture)\.sh$' <<< "$ktap"; then
			grep -q 'at shutdown: module shutdown,' <<< "$report" || ok=0
		fi
		if [ "$ok" = 1 ]; then
			echo "[$name] ok model_clean_at_poweroff" >&2
			passed=$((passed + 1))
		else
			echo "[$name] not ok model_clean_at_poweroff (${report#*tdx_model: })" >&2
			failed=$((failed + 1))
		fi
	else
		echo "[$name] not ok model_clean_at_poweroff (no 'tdx_model: at shutdown:' after TDXTEST-POWEROFF)" >&2
		failed=$((failed + 1))
	fi
	while [ $# -ge 2 ]; do
		if [ "$2" = 0 ]; then
			echo "[$name] ok $1" >&2
			passed=$((passed + 1))
		else
			echo "[$name] not ok $1" >&2
			failed=$((failed + 1))
		fi
		shift 2
	done
	printf '%s\n' "$ktap" | grep -E '^(not )?ok [0-9]+ ' | sed "s/^/[$name] /" >&2 || true
	say "boot $name: $passed passed, $failed failed, $skipped skipped"
	record "boot-$name" "$passed" "$failed"
	[ "$failed" = 0 ]
}
