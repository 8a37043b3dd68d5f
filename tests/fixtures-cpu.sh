#!/bin/sh
# The CPU-model fixtures under the qemu installed here, run directly with
# each -cpu tests/fixtures/CPU-OUTCOMES lists for its version: what
# doc/cpu-models.md and qbinfmt's choice stand on (tests/fixtures/cpu-check).
. "$top_srcdir/tests/lib.sh"
qemu_dir=$(dirname "$("$QBINFMT" --json list | python3 -c '
import json, sys
print([t for t in json.load(sys.stdin) if t["name"] == "aarch64"][0]["qemu_static"] or "")')")
[ "$qemu_dir" != . ] || fail "no static qemu-aarch64 (install $(static_qemu_package))"
# cpu-check wants qemu-TARGET names: Debian 12's are qemu-TARGET-static.
mkdir "$tmp/qemu"
for target in aarch64 riscv64 x86_64; do
	for name in "qemu-$target" "qemu-$target-static"; do
		if [ -x "$qemu_dir/$name" ]; then
			ln -sf "$qemu_dir/$name" "$tmp/qemu/qemu-$target"
			break
		fi
	done
done
sh "$top_srcdir/tests/fixtures/cpu-check" "$tmp/qemu" > "$tmp/out" 2>&1 || {
	cat "$tmp/out" >&2
	fail "the CPU fixtures do not do what CPU-OUTCOMES says"
}
tail -1 "$tmp/out"
