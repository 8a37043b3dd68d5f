#!/bin/sh
# install / status / enable / disable / remove round trips for every
# target, idempotency, and the refusals, in a private binfmt_misc.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$tmp"

# Everything this machine can emulate; what it runs natively (its own
# target, and those of its family its kernel runs) is skipped.  How many
# that is follows the installed qemu (qemu 10 has no cris, no nios2) and
# the kernel: the targets list finds a qemu for that it does not run.
# The names: this machine's own target and another family's (the same
# test runs on x86_64 and on the arm64 test machine).
own=$(host_target)
T=$(foreign_target)
want=$("$QBINFMT" --json list | python3 -c '
import json, sys
print(sum(1 for t in json.load(sys.stdin)
          if (t["qemu_static"] or t["qemu_dynamic"]) and not t["host_native"]))')
[ "$want" -ge 20 ] || fail "only $want targets have a qemu here"
"$QBINFMT" install --all > out
[ "$(grep -c ' installed ' out)" -eq "$want" ] || fail "install --all, want $want: $(cat out)"
# A target the installed qemu lacks is skipped, saying so.
for t in $("$QBINFMT" --json list | python3 -c '
import json, sys
print(" ".join(t["name"] for t in json.load(sys.stdin)
               if not (t["qemu_static"] or t["qemu_dynamic"])))'); do
	grep -q "^$t *skipped .*the qemu in /usr/bin has no qemu-$t " out || fail "$t: $(grep "^$t " out)"
done
grep -q "^$own  *skipped .*  runs natively on the host: this machine's own target\$" out ||
	fail "$own not skipped: $(grep "^$own " out)"
"$QBINFMT" --json status > status.json
python3 - status.json "$want" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
names = [e["name"] for e in s["entries"]]
assert len(names) == int(sys.argv[2]), names
assert all(e["ours"] and e["enabled"] and e["flags"] == "P" for e in s["entries"])
# Each entry maps back to exactly its own target.
assert all(e["targets"] == e["name"][len("qbinfmt-"):] for e in s["entries"]), s["entries"]
PY
echo "ok install --all, status"

# Again: nothing changes, and it says so.
"$QBINFMT" install --all > out
[ "$(grep -c ' unchanged ' out)" -eq "$want" ] || fail "second install: $(cat out)"
echo "ok idempotent"

# A changed entry is replaced, and every entry is read back.
"$QBINFMT" install --fix-binary "$T" > out
grep -q "^$T *replaced " out || fail "replace: $(cat out)"
grep -qx 'flags: PF' "$BINFMT_DIR/qbinfmt-$T" || fail "PF not registered"
echo "ok replaced"

# Disable, enable, remove: the kernel's own status file tells.
"$QBINFMT" disable "$T" s390x > /dev/null
[ "$(head -1 "$BINFMT_DIR/qbinfmt-s390x")" = disabled ] || fail "disable"
"$QBINFMT" enable s390x > /dev/null
[ "$(head -1 "$BINFMT_DIR/qbinfmt-s390x")" = enabled ] || fail "enable"
"$QBINFMT" remove s390x > /dev/null
[ ! -e "$BINFMT_DIR/qbinfmt-s390x" ] || fail "remove"
"$QBINFMT" remove s390x | grep -q absent || fail "removing twice should say absent"
echo "ok disable, enable, remove"

# Never an entry of someone else's, unless --force names it.
printf ':qemu-other:E::other::/bin/sh:' > "$BINFMT_DIR/register"
"$QBINFMT" remove --all > /dev/null
[ -e "$BINFMT_DIR/qemu-other" ] || fail "remove --all removed a foreign entry"
set +e
"$QBINFMT" disable qemu-other 2> err; status=$?
set -e
[ "$status" -eq 1 ] || fail "disabling a foreign entry: exit $status"
grep -q "^qbinfmt: disable qemu-other: not a target, and not installed by qbinfmt; name it with --force" err ||
	fail "refusal: $(cat err)"
"$QBINFMT" remove --force qemu-other > /dev/null
[ ! -e "$BINFMT_DIR/qemu-other" ] || fail "remove --force"
echo "ok foreign entries left alone"

# What the host runs natively: refused when named, and never an entry
# that would capture the host's programs, --force or not; another target
# the kernel runs (i386 on x86_64), emulated with --force.
set +e
"$QBINFMT" install "$own" > out 2>&1; status=$?
set -e
[ "$status" -eq 1 ] && grep -q "refused .*name it with --force" out || fail "$own named: $status $(cat out)"
set +e
"$QBINFMT" install --force "$own" > out 2>&1; status=$?
set -e
[ "$status" -eq 1 ] && grep -q "qbinfmt-$own would capture this machine's own programs" out ||
	fail "$own forced: $(cat out)"
[ ! -e "$BINFMT_DIR/qbinfmt-$own" ] || fail "$own registered"
for sibling in $("$QBINFMT" --json list | python3 -c '
import json, sys
print(" ".join(t["name"] for t in json.load(sys.stdin) if t["host"] == "native" and (t["qemu_static"] or t["qemu_dynamic"])))'); do
	"$QBINFMT" install --force "$sibling" | grep -q "^$sibling *installed" || fail "$sibling forced"
	"$QBINFMT" remove "$sibling" > /dev/null
done
echo "ok what the host runs natively"

# --dry-run changes nothing; usage errors are status 2.
"$QBINFMT" --dry-run install riscv64 | grep -q '^:qbinfmt-riscv64:M:0:\\x7f' || fail "dry-run output"
[ ! -e "$BINFMT_DIR/qbinfmt-riscv64" ] || fail "dry-run registered"
# The wiring options: -C implies O; -O, -F; the flags always in POCF order.
"$QBINFMT" --dry-run install -C riscv64 | grep -q ':POC$' || fail "-C is not POC"
"$QBINFMT" --dry-run install -F -O riscv64 | grep -q ':POF$' || fail "-F -O is not POF"
for bad in "install" "install --all arm64" "install nosuch" "install --wiring fast arm64" "remove"; do
	set +e
	"$QBINFMT" $bad 2> err; status=$?
	set -e
	[ "$status" -eq 2 ] || fail "'$bad': exit $status"
	grep -q '^qbinfmt: ' err || fail "'$bad': $(cat err)"
done
echo "ok dry run and usage errors"

# --all that wires nothing (no qemu at all, or options no target takes)
# did nothing it was asked: one line with the first target's reason,
# status 1, nothing registered, with or without --dry-run.
"$QBINFMT" remove --all > /dev/null
mkdir noqemu
for dry in "" --dry-run; do
	set +e
	"$QBINFMT" $dry --qemu-dir "$tmp/noqemu" install --all > out 2> err; status=$?
	set -e
	[ "$status" -eq 1 ] || fail "install $dry --all without qemu: exit $status: $(cat err)"
	grep -qx "qbinfmt: install: --all: nothing done, [0-9]* targets skipped; [a-z0-9_]*: no qemu-[a-z0-9_]* or qemu-[a-z0-9_]*-static in $tmp/noqemu (install qemu-user)" err ||
		fail "install $dry --all without qemu said: $(cat err)"
	[ "$(ls "$BINFMT_DIR" | grep -c '^qbinfmt-')" = 0 ] || fail "install $dry --all without qemu registered: $(ls "$BINFMT_DIR")"
done
set +e
"$QBINFMT" install --all --wiring native -C > out 2> err; status=$?
set -e
[ "$status" -eq 1 ] || fail "install --all --wiring native -C: exit $status"
grep -q "^qbinfmt: install: --all: nothing done, .*the C flag with the native wiring" err ||
	fail "install --all --wiring native -C said: $(cat err)"
echo "ok --all that leaves nothing to register fails"

# Interpreter paths of 128+ bytes go through a short link.
deep=$tmp/$(printf 'd%.0s' $(seq 1 130))
mkdir -p "$deep"
ln -s "$LAUNCHER_DIR/qemu-riscv64-binfmt-P" "$deep/qemu-riscv64-binfmt-P"
# Nothing that only shows or exports writes: no link, no folder.
# (--cpu riscv64=default: qemu before 8.2 gets a model, and then a name of
# its own in the runtime folder, registrar-cpu.kt's matter)
"$QBINFMT" --launcher-dir "$deep" --dry-run install --cpu riscv64=default --runtime-dir "$tmp/run" riscv64 > "$tmp/dry"
grep -q ":$tmp/run/qemu-riscv64-binfmt-P:POCF\?\$\|:$tmp/run/qemu-riscv64-binfmt-P:P\$" "$tmp/dry" || fail "dry run shows no short link: $(cat "$tmp/dry")"
[ ! -e "$tmp/run" ] || fail "--dry-run made $tmp/run"
default_link=/run/qbinfmt/qemu-riscv64-binfmt-P
[ "$(id -u)" = 0 ] || default_link=$XDG_RUNTIME_DIR/qbinfmt/qemu-riscv64-binfmt-P
before=$(ls -l "$default_link" 2>&1 || true)
"$QBINFMT" --launcher-dir "$deep" export --format register --cpu riscv64=default riscv64 > "$tmp/exported"
grep -q ":$deep/qemu-riscv64-binfmt-P:P\$" "$tmp/exported" || fail "export: $(cat "$tmp/exported")"
[ "$(ls -l "$default_link" 2>&1 || true)" = "$before" ] || fail "export made $default_link"
"$QBINFMT" --launcher-dir "$deep" install --cpu riscv64=default --runtime-dir "$tmp/run" riscv64 > /dev/null
grep -qx "interpreter $tmp/run/qemu-riscv64-binfmt-P" "$BINFMT_DIR/qbinfmt-riscv64" || fail "no short link: $(cat "$BINFMT_DIR/qbinfmt-riscv64")"
[ "$(readlink "$tmp/run/qemu-riscv64-binfmt-P")" = "$deep/qemu-riscv64-binfmt-P" ] || fail "link target"
"$FIXTURES/bin/hello-riscv64" > /dev/null || fail "running through the short link"
echo "ok long interpreter path"
