#!/bin/sh
# Every kind of table source: a binfmt.d folder, a Debian binfmt-support
# folder (real format files of Debian 12), a binfmt_misc mount (a fake
# tree, copied fresh), several sources in a row; bad lines reported with
# FILE:LINE and the rest still loaded.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

# binfmt.d: 10-qemu.conf, then 20-late.conf, whose rule covers the first.
expect lint-binfmt-d "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/binfmt.d
expect probe-binfmt-d "$ELFPROBE" $HOST_X86_64 --table data/elfprobe/binfmt.d fixtures/bin/hello-riscv64
# The same file read as a register-string file, by name.
expect lint-binfmt-d-file "$ELFPROBE" $HOST_X86_64 lint --table-kind register \
	--table data/elfprobe/binfmt.d/10-qemu.conf

# Debian: the qemu formats as Debian ships them, and one broken format.
expect lint-debian "$ELFPROBE" $HOST_X86_64 lint --table data/elfprobe/debian
expect verify-debian "$ELFPROBE" $HOST_X86_64 verify --host --table data/elfprobe/debian \
	fixtures/bin/hello-aarch64 fixtures/bin/hello-mipsn32 fixtures/bin/hello-mipsn32-pie \
	fixtures/bin/synthetic-microblaze
# One format file alone.
expect lint-debian-file "$ELFPROBE" $HOST_X86_64 lint --table-kind debian \
	--table data/elfprobe/debian/qemu-aarch64

# Debian 13's own binfmt.d files (qemu-user-binfmt): read as they are,
# every fixture picked by its own target's entry but for the targets
# qemu 10 dropped, and microblaze's old e_machine.
expect lint-debian13 "$ELFPROBE" $HOST_X86_64 lint --table data/debian13/binfmt.d
expect verify-debian13 "$ELFPROBE" $HOST_X86_64 verify --host --table data/debian13/binfmt.d fixtures/bin

# A binfmt_misc mount, fake: status files as the kernel writes them.
cp -R data/elfprobe/live "$tmp/live"
cp fixtures/bin/hello-s390x "$tmp/"
cd "$tmp"
host="--host-exe $top_srcdir/tests/fixtures/bin/hello-x86_64"
expect lint-live "$ELFPROBE" $host lint --table ./live
expect probe-live "$ELFPROBE" $host --table ./live hello-s390x
echo disabled > live/status
expect lint-live-off "$ELFPROBE" $host lint --table ./live
expect probe-live-off "$ELFPROBE" $host --table ./live hello-s390x
rm live/register
expect lint-not-live "$ELFPROBE" $host lint --table-kind live --table ./live
cd "$top_srcdir/tests"

# Other emulators' tables, as their projects ship them
# (data/emulators), judged as on an arm64 host (--host-arch, which says
# what it assumes of 32-bit arm there): each alone, then all registered
# in turn, as an arm64 machine running them side by side would have
# them; and as on this x86_64 one, where they capture its own programs.
for conf in FEX-x86_64 FEX-x86 box64 box64-2023 box86 rosetta qemu-x86_64; do
	expect "lint-emulator-$conf" "$ELFPROBE" --host-arch arm64 lint --table "data/emulators/$conf.conf"
done
emulators="--table data/emulators/FEX-x86_64.conf --table data/emulators/FEX-x86.conf
	--table data/emulators/box64.conf --table data/emulators/box86.conf
	--table data/emulators/qemu-x86_64.conf --table data/emulators/rosetta.conf"
expect lint-emulators-arm64 "$ELFPROBE" --host-arch arm64,-arm lint $emulators
expect verify-emulators-arm64 "$ELFPROBE" --host-arch arm64,-arm verify --host $emulators \
	fixtures/bin/hello-x86_64 fixtures/bin/hello-i386 fixtures/bin/hello-aarch64 fixtures/bin/hello-arm
expect lint-emulators-x86_64 "$ELFPROBE" $HOST_X86_64 lint $emulators
expect lint-host-arch-both "$ELFPROBE" --host-arch arm64 $HOST_X86_64 lint
expect lint-host-arch-unknown "$ELFPROBE" --host-arch vax lint

# Sources in a row register in turn: the built-in table, then the
# binfmt.d folder, whose riscv64-any now shadows qbinfmt-riscv64.
"$ELFPROBE" $HOST_X86_64 --table builtin --table data/elfprobe/binfmt.d \
	fixtures/bin/hello-riscv64 > "$tmp/row" 2> /dev/null || true
grep -q '^fixtures/bin/hello-riscv64 .* riscv64-any  *qemu-riscv64,qbinfmt-riscv64$' "$tmp/row" ||
	fail "sources in a row: $(cat "$tmp/row")"
echo ok
