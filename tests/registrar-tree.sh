#!/bin/sh
# The registrar without a kernel (util-linux's tests/expected shape):
# what install, remove, enable, disable, import and export say and print
# on a fake binfmt_misc tree (--binfmt-dir), for what needs no kernel to
# answer: dry runs, refusals, usage and input errors, exported files.
# Each case's stdout, stderr and exit status must equal
# tests/expected/qbinfmt/NAME (QBINFMT_REGEN=1 writes them: review the
# diff).  Paths are shown as @TMP@ and @BUILD@; the qemu is the static one
# found here, through links named as Debian 12 names them (qemu-TARGET-static), so that the
# output is the same on Debian 12 and 13.
. "$top_srcdir/tests/lib.sh"

EXPECTED=$top_srcdir/tests/expected/qbinfmt
cp -R "$top_srcdir/tests/data/qbinfmt/tree" "$tmp/tree"
cp -R "$top_srcdir/tests/data/qbinfmt/import" "$tmp/import"
cp -R "$top_srcdir/tests/data/elfprobe/binfmt.d" "$tmp/bad.d"
mkdir "$tmp/qemu" "$tmp/no-qemu" "$tmp/out"
for target in aarch64 riscv64 s390x; do
	qemu=$("$QBINFMT" --json list | python3 -c '
import json, sys
t = [t for t in json.load(sys.stdin) if t["name"] == sys.argv[1]][0]
print(t["qemu_static"] or "")' "$target")
	[ -n "$qemu" ] || fail "no static qemu-$target (install $(static_qemu_package))"
	ln -s "$qemu" "$tmp/qemu/qemu-$target-static"
done
cd "$tmp"
q() {
	"$QBINFMT" --binfmt-dir ./tree --qemu-dir "$tmp/qemu" "$@"
}

# expect NAME COMMAND...: stdout, "--- stderr" and stderr if any, "exit: N".
expect() {
	name=$1
	shift
	status=0
	"$@" > "$tmp/run.out" 2> "$tmp/run.err" || status=$?
	if [ -s "$tmp/run.err" ]; then
		echo "--- stderr" >> "$tmp/run.out"
		cat "$tmp/run.err" >> "$tmp/run.out"
	fi
	echo "exit: $status" >> "$tmp/run.out"
	sed -e "s|$top_builddir|@BUILD@|g" -e "s|$tmp|@TMP@|g" \
		"$tmp/run.out" > "$tmp/$name"
	if [ "${QBINFMT_REGEN:-}" = 1 ]; then
		cp "$tmp/$name" "$EXPECTED/$name"
	else
		compare "$EXPECTED/$name" "$tmp/$name"
	fi
}

# install: what would be registered, for each wiring.  qbinfmt's own
# choice of CPU model depends on the qemu installed (registrar-cpu.kt
# tests it); here each is named, so that Debian 12 and 13 agree.
same_cpu="--cpu arm64=default --cpu riscv64=default"
expect install-dry-run q --dry-run install $same_cpu arm64 riscv64 s390x
expect install-dry-run-native q --dry-run install $same_cpu --wiring native -F aarch64
expect install-dry-run-flags q --dry-run install -C s390x
expect install-no-qemu q --qemu-dir ./no-qemu --dry-run install arm64
expect install-no-targets q install
expect install-both q install --all arm64
expect install-unknown q install nosuch
expect install-bad-wiring q install --wiring fast arm64
expect install-newline-folder q --launcher-dir "$(printf 'a\nb')" --dry-run install $same_cpu arm64
expect install-cpu-fast q --dry-run install --cpu arm64=fast --cpu riscv64=default arm64 riscv64
expect install-cpu-native q --dry-run install --wiring native --cpu arm64=fast arm64
expect install-cpu-no-model q install --cpu arm64 arm64
expect install-cpu-unknown-target q install --cpu nosuch=max arm64
expect install-cpu-no-fast q install --cpu s390x=fast s390x
expect install-cpu-option q install --cpu 'arm64=-d in_asm' arm64

# --host: another machine's view, with no qemu looked at here: the HOST
# column and why (said, assumed, or what no kernel of it does), and the
# register strings and files it gets.
for host in arm64 aarch64,-arm riscv64 riscv64,+riscv32 ppc64le s390x x86_64 mips64el armhf,+aarch64; do
	expect "list-host-$(echo "$host" | sed 's/,+/-plus-/g; s/,-/-minus-/g')" \
		q --qemu-dir ./no-qemu list --host "$host"
done
expect list-host-unknown q list --host vax
expect list-host-other-family q list --host arm64,+x86_64
expect list-host-own q list --host arm64,-aarch64
expect list-host-both q list --host arm64,+arm,-armhf
expect list-host-no-sign q list --host arm64,arm
expect install-host-arm64 q --dry-run install --host arm64 $same_cpu x86_64 i386 arm armeb aarch64
expect install-host-arm64-noarm q --dry-run install --host arm64,-arm $same_cpu arm
expect install-host-riscv64 q --dry-run install --host riscv64 $same_cpu riscv32 riscv64
expect install-host-force-own q --dry-run install --host arm64 --force $same_cpu aarch64
expect install-host-not-dry q install --host arm64 x86_64
expect export-host-ppc64le q export --host ppc64le --format binfmt.d ppc64 ppc ppc64le
expect export-host-s390x q export --host s390x --format register --wiring native s390x x86_64

# remove, enable, disable: only qbinfmt's entries unless --force.
expect remove-dry-run-all q --dry-run remove --all
expect remove-foreign q remove qemu-s390x
expect remove-dry-run-force q --dry-run remove --force qemu-s390x
expect remove-absent q remove s390x
expect remove-not-entry-names q remove --force register status ../x .hidden
expect enable-absent q enable s390x
expect disable-dry-run q --dry-run disable arm64 riscv64
expect remove-neither q remove
expect remove-both q remove --all arm64

# import: every line checked first.
expect import-dry-run q --dry-run import ./import/good.conf
expect import-bad-line q --dry-run import ./bad.d
expect import-missing q --dry-run import ./nonexistent.conf
expect import-nothing q import
expect import-nix-dry-run q --dry-run import ./import/nixos.nix
expect import-nix-bad q --dry-run import ./import/bad.nix
expect import-guix-bad q --dry-run import ./import/bad.scm

# export: the files, byte for byte.
expect export-binfmt.d q export --format binfmt.d $same_cpu arm64 s390x
expect export-register q export --format register --wiring native -F riscv64
expect export-debian q export --format debian --output-dir ./out $same_cpu arm64
expect export-debian-file cat ./out/qbinfmt-aarch64
expect export-no-format q export arm64
# Global options after the command count as before it.
expect export-global-after q export --format register $same_cpu arm64 --launcher-dir /usr/libexec/qbinfmt
expect export-cpu-fast q export --format register --cpu arm64=fast arm64
expect export-cpu-unshipped q export --format register --cpu arm64=cortex-a72 arm64
expect export-debian-stdout q export --format debian arm64 s390x
expect export-nix q export --format nix --wiring native -F arm64 s390x
expect export-nix-launcher q export --format nix $same_cpu arm64
expect export-nix-file q export --format nix --wiring native --output-dir ./nix.d riscv64
expect export-nix-file-text cat ./nix.d/qbinfmt-riscv64.nix
expect export-guix q export --format guix $same_cpu -F arm64 s390x
expect export-bad-format q export --format yaml arm64
# A dry run names the files and writes none: no folder made, nothing
# replaced in one that is there (qbinfmt(8): "no entry, no file, no link").
expect export-dry-run-new q --dry-run export --format binfmt.d $same_cpu --output-dir ./dry/new arm64 s390x
[ ! -e ./dry ] || fail "export --dry-run made $(find ./dry)"
expect export-dry-run-there q --dry-run export --format debian $same_cpu -F --output-dir ./out arm64
expect export-dry-run-there-file cat ./out/qbinfmt-aarch64
# sandbox: a dry run would still run COMMAND; refused, COMMAND not run.
expect sandbox-dry-run q --dry-run sandbox -- touch ./sandbox-ran
[ ! -e ./sandbox-ran ] || fail "--dry-run sandbox ran its command"
# image: tonistiigi/binfmt's calls; every name checked before anything
# is mounted or written (what registers is tests/image-commands.kt's).
expect image-status q image
expect image-install-unknown q image --install arm64,nosuch
expect image-install-empty q image --install arm64,,s390x
expect image-uninstall-unknown q image --uninstall qemu-arm64
expect image-operand q image status
expect image-dry-run q --dry-run image --install arm64
# None of it wrote to the tree.
diff -r "$top_srcdir/tests/data/qbinfmt/tree" ./tree || fail "the fake tree changed"
echo "ok the registrar on a fake tree: $(ls "$EXPECTED" | wc -l) cases"
