# SPDX-License-Identifier: GPL-2.0
# Front door. "make run" builds the patched kernel and boots it; "make test"
# runs every test. Both start from nothing on a fresh Debian 12 machine.
S := scripts

.PHONY: all run test setup tree export kernel initramfs boot kexec vmx kunit kselftest bench soak check checkpatch quilt debian-config debian-build bisect repin clean

all: run

run:
	$(S)/run.sh

test:
	$(S)/test.sh

setup:
	$(S)/setup.sh

tree: setup
	$(S)/tree.sh

export:
	$(S)/export.sh

kernel: tree
	$(S)/build-kernel.sh

initramfs:
	$(S)/mkinitramfs.sh

# One boot of the test initramfs: make boot SMP=8
boot: initramfs
	$(S)/boot.sh -s $(or $(SMP),4)

# kexec with TDX enabled on the model, with and without TDH.SYS.DISABLE.
kexec: kernel
	$(S)/kexec.sh

# Real VMX: the Bochs kernel, KVM guests, kexec and crash (scripts/vmx.sh).
vmx: tree
	$(S)/vmx.sh

kunit:
	$(S)/kunit.sh

# Figures of TDX initialization on the model (KUnit suite tdx_bench).
bench: kernel
	$(S)/bench.sh

# host_torture.sh for SECS seconds (default 30 minutes) on 8 vCPUs.
soak: initramfs
	$(S)/boot.sh -s 8,sockets=2 -n soak -t $$(( $(or $(SECS),1800) + 900 )) \
		-a "tdxtest.only=host_torture.sh tdxtest.soak=$(or $(SECS),1800)"

# make -C tools/testing/selftests TARGETS=tdx, installed and run here.
kselftest:
	$(S)/kselftest.sh

checkpatch:
	$(S)/checkpatch.sh

# series/ as debian/patches of a pristine source tree: quilt push -a.
quilt: tree
	$(S)/quilt.sh

# Every patch: touched objects with W=1 and sparse; kernel-doc; htmldocs.
check: tree
	$(S)/check.sh

# Debian's amd64 config plus INTEL_TDX_HOST=y keeps TDX host support.
debian-config: tree
	$(S)/debian-config.sh

# The full kernel (bzImage, all modules) with that config: hours on 2 CPUs.
# make test builds only what the series touches under it.
debian-build: tree
	$(S)/debian-build.sh full

# Build every commit of the series in order (bisectability).
bisect:
	FROM=$(or $(FROM),1) $(S)/check-bisect.sh

repin:
	$(S)/repin.sh $(VERSION)

clean:
	rm -rf build/obj build/modroot build/initramfs build/initramfs.cpio.gz build/results build/*.log \
		build/obj-vmx build/modroot-vmx build/initramfs-vmx build/initramfs-vmx.cpio.gz build/bochs-* \
		build/check-obj build/check-src build/debian-dirs build/debian-full build/quilt
	-git -C build/linux worktree prune
