#!/bin/sh
# export --format nix and guix, read by the real tools.  NixOS: the
# attribute set evaluated by nix-instantiate (--eval of a pure expression:
# no daemon, no store), each registration turned into its register line
# as NixOS's makeBinfmtLine does (tests/data/nixos/binfmt-lines.nix), and
# that line compared field by field with `export --format register`'s;
# the interpreter is /run/binfmt/NAME there, a link to `interpreter`,
# which must be the register string's.  Guix: the Scheme loaded by guile
# against a stand-in of (gnu services virtualization)
# (tests/data/guix), each platform's register string built as Guix's
# service builds it, its magic and mask compared byte for byte with
# `export --format register`'s.
. "$top_srcdir/tests/lib.sh"

command -v nix-instantiate > /dev/null ||
	fail "nix-instantiate is missing (Debian: nix-bin; tools/setup installs it)"
command -v guile > /dev/null || fail "guile is missing (Debian: guile-3.0; tools/setup installs it)"
# Neither may write to the home folder of whoever runs the tests.
export HOME="$tmp/home"
mkdir "$HOME"

nix_lines() {
	nix-instantiate --store dummy:// --eval --strict --json \
		--arg registrations "import $1" "$top_srcdir/tests/data/nixos/binfmt-lines.nix"
}

guix_lines() {
	guile --no-auto-compile -L "$top_srcdir/tests/data/guix" \
		-s "$top_srcdir/tests/guix-register.scm" "$@"
}

# compare_nix JSON REGISTER: NixOS's lines against qbinfmt's register
# strings, field by field; flags as the kernel reads them (C implies O:
# NixOS writes "C" where qbinfmt writes "OC").
compare_nix() {
	python3 - "$1" "$2" << 'PY'
import json, sys
nixos = json.load(open(sys.argv[1]))
register = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split(":")
    register[f[1]] = f
assert sorted(register) == [r["name"] for r in nixos], (sorted(register), nixos)
def flags(text):
    s = set(text)
    return s | {"O"} if "C" in s else s
for r in nixos:
    ours, theirs = register[r["name"]], r["line"].split(":")
    assert len(theirs) == 8 and theirs[0] == "", theirs
    for i, field in enumerate(["name", "type", "offset", "magic", "mask"], 1):
        assert ours[i] == theirs[i], (r["name"], field, ours[i], theirs[i])
    assert theirs[6] == "/run/binfmt/" + r["name"], theirs[6]
    assert r["interpreter"] == ours[6], (r["interpreter"], ours[6])
    assert r["wrapInterpreterInShell"] is False, r
    assert flags(theirs[7]) == flags(ours[7]), (r["name"], theirs[7], ours[7])
print(len(nixos))
PY
}

for flags in "" "-F" "-O" "-O -F"; do
	# shellcheck disable=SC2086
	"$QBINFMT" export --format nix --wiring native $flags --all > "$tmp/all.nix"
	# shellcheck disable=SC2086
	"$QBINFMT" export --format register --wiring native $flags --all > "$tmp/all.register"
	nix_lines "$tmp/all.nix" > "$tmp/all.json" || fail "nix-instantiate refused the export (flags $flags)"
	n=$(compare_nix "$tmp/all.json" "$tmp/all.register") || fail "NixOS's lines differ (flags $flags)"
	[ "$n" -gt 0 ] || fail "no entry exported"
	echo "ok nix, native wiring, flags '$flags': $n registrations as qbinfmt registers them"
done

# One file per entry, each an attribute set of its own.
"$QBINFMT" export --format nix --wiring native -F --output-dir "$tmp/nix.d" arm64 s390x > /dev/null
for file in "$tmp"/nix.d/qbinfmt-aarch64.nix "$tmp"/nix.d/qbinfmt-s390x.nix; do
	nix_lines "$file" > "$tmp/one.json" || fail "nix-instantiate refused $file"
done
"$QBINFMT" export --format register --wiring native -F s390x > "$tmp/one.register"
compare_nix "$tmp/one.json" "$tmp/one.register" > /dev/null || fail "nix.d/qbinfmt-s390x.nix differs"

# The launcher cannot be reached through /run/binfmt/NAME.
status=0
"$QBINFMT" export --format nix --wiring launcher arm64 > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "export --format nix --wiring launcher: exit $status, want 1"
[ ! -s "$tmp/out" ] || fail "export --format nix --wiring launcher printed $(cat "$tmp/out")"
cat > "$tmp/want" << 'EOF2'
qbinfmt: export aarch64: NixOS runs the interpreter as /run/binfmt/NAME, a name the launcher takes no target from: export for NixOS with --wiring native
EOF2
compare "$tmp/want" "$tmp/err"

# Guix: magic and mask byte for byte, whatever the wiring (Guix runs its
# own qemu).
for wiring in launcher native; do
	"$QBINFMT" export --format guix --wiring "$wiring" -F --all > "$tmp/all.scm"
	"$QBINFMT" export --format register --wiring "$wiring" -F --all > "$tmp/all.register"
	guix_lines "$tmp/all.scm" > "$tmp/guix.lines" || fail "guile refused the export"
	python3 - "$tmp/guix.lines" "$tmp/all.register" << 'PY' || fail "Guix's register strings differ ($wiring)"
import sys
def unhex(text):
    assert text.startswith("\\x") and len(text) % 4 == 0, text
    return bytes(int(text[i + 2:i + 4], 16) for i in range(0, len(text), 4))
guix = [l.rstrip("\n").split(":") for l in open(sys.argv[1])]
register = [l.rstrip("\n").split(":") for l in open(sys.argv[2])]
assert len(guix) == len(register) > 0, (len(guix), len(register))
for g, r in zip(guix, register):
    target = r[1][len("qbinfmt-"):]
    assert g[1] == "qemu-" + target and g[2] == "M" and g[3] == "" and g[7] == "", g
    assert g[6] == "/gnu/store/HASH-qemu/bin/qemu-" + target, g
    assert unhex(g[4]) == unhex(r[4]), (target, "magic")
    assert unhex(g[5]) == unhex(r[5]), (target, "mask")
print("ok guix: %d platforms, magic and mask as qbinfmt registers them" % len(guix))
PY
done

# What export wrote, read back by qbinfmt's own loaders: the register
# strings of `export --format register`, but for the interpreter NixOS
# registers (/run/binfmt/NAME) and the names and qemu Guix's service
# registers.
"$QBINFMT" export --format nix --wiring native -F --all > "$tmp/all.nix"
"$QBINFMT" export --format guix -F --all > "$tmp/all.scm"
"$QBINFMT" export --format register --wiring native -F --all > "$tmp/all.register"
"$QBINFMT" --dry-run import "$tmp/all.nix" > "$tmp/nix.import" || fail "import of export --format nix failed"
"$QBINFMT" --dry-run import "$tmp/all.scm" > "$tmp/guix.import" || fail "import of export --format guix failed"
sed -E 's|^:([^:]+)(:.*:)[^:]+(:[^:]*)$|:\1\2/run/binfmt/\1\3|' "$tmp/all.register" | sort > "$tmp/want"
sort "$tmp/nix.import" > "$tmp/got"
compare "$tmp/want" "$tmp/got"
sed -E 's|^:qbinfmt-([^:]+)(:M):0(:[^:]*:[^:]*:)[^:]+:[^:]*$|:qemu-\1\2:0\3/gnu/store/HASH-qemu/bin/qemu-\1:|' "$tmp/all.register" > "$tmp/want"
compare "$tmp/want" "$tmp/guix.import"
echo "ok import reads both exports back"

# qbinfmt's Nix loader against Nix itself, on registrations written the
# ways users write them: the same register lines, through the same parser.
nix_lines "$top_srcdir/tests/data/nixos/registrations.nix" > "$tmp/users.json" ||
	fail "nix-instantiate refused tests/data/nixos/registrations.nix"
python3 -c 'import json, sys; [print(r["line"]) for r in json.load(open(sys.argv[1]))]' \
	"$tmp/users.json" > "$tmp/users.conf"
"$QBINFMT" --dry-run import "$tmp/users.conf" > "$tmp/want" || fail "import of NixOS's lines failed"
"$QBINFMT" --dry-run import "$top_srcdir/tests/data/nixos/registrations.nix" > "$tmp/got" ||
	fail "import of tests/data/nixos/registrations.nix failed"
compare "$tmp/want" "$tmp/got"
echo "ok the Nix loader reads $(wc -l < "$tmp/got") registrations as nix-instantiate evaluates them"
