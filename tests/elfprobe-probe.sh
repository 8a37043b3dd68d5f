#!/bin/sh
# elfprobe [probe]: each fixture's header and the entry the kernel would
# pick, the negative fixtures reported, and the same as JSON.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/elfprobe-lib.sh"

# Every fixture with the built-in table (x86 family left out, as on x86_64).
expect probe-fixtures "$ELFPROBE" $HOST_X86_64 fixtures/bin/*
# The negative ones: not ELF, corrupt, unknown machine, a folder.
expect probe-negative "$ELFPROBE" $HOST_X86_64 probe fixtures/neg/empty fixtures/neg/script.sh \
	fixtures/neg/truncated-elf fixtures/neg/unknown-machine fixtures/neg/wrong-magic \
	fixtures/neg/dir fixtures/neg/missing
# Entries that tie: both listed, the newest first.
expect probe-tie "$ELFPROBE" $HOST_X86_64 --table data/elfprobe/guix-qemu-binfmt.reg \
	fixtures/bin/hello-mips fixtures/bin/hello-mipsn32el-pie

# JSON: valid, and the facts of one file.
status=0
"$ELFPROBE" $HOST_X86_64 --json --table data/elfprobe/guix-qemu-binfmt.reg \
	fixtures/bin/hello-mips fixtures/neg/truncated-elf > "$tmp/json" 2> /dev/null || status=$?
[ "$status" = 3 ] || fail "probe --json: exit $status, want 3 (a corrupt file)"
valid_json "$tmp/json"
python3 - "$tmp/json" <<'PY'
import json, sys
mips, cut = json.load(open(sys.argv[1]))
assert mips["kind"] == "elf" and mips["target"] == "mips", mips
assert mips["elf"]["class"] == 32 and mips["elf"]["data"] == "msb", mips["elf"]
assert mips["elf"]["machine"] == 8 and mips["elf"]["machine_name"] == "mips", mips["elf"]
assert mips["elf"]["type_name"] == "exec" and mips["elf"]["osabi_name"] == "sysv", mips["elf"]
assert mips["pick"] == "qemu-mipsn32", mips["pick"]
assert [m["name"] for m in mips["matches"]] == ["qemu-mipsn32", "qemu-mips"], mips["matches"]
assert mips["head"].startswith("7f454c46010201"), mips["head"]
assert len(mips["head"]) == 2 * 256, len(mips["head"])
assert cut["kind"] == "corrupt" and cut["elf"] is None, cut
assert cut["problem"] == "truncated ELF header: 32 of 64 bytes", cut["problem"]
PY
echo ok
