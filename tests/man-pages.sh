#!/bin/sh
# qbinfmt(8) and elfprobe(1) against the programs: every command has an
# item in COMMANDS with an example, and every option of its own (as the
# program lists them for completion) is described in that item; the
# global options are in OPTIONS.  A new option without its page fails.
. "$top_srcdir/tests/lib.sh"
command -v man > /dev/null || fail "man is not installed (tools/setup installs man-db)"
command -v col > /dev/null || fail "col is not installed (tools/setup installs bsdextrautils)"
command -v python3 > /dev/null || fail "python3 is not installed (tools/setup installs it)"

# check PROGRAM PAGE
check() {
	MANWIDTH=300 man -l "$2" 2> /dev/null | col -b > "$tmp/page" ||
		fail "$2 does not render"
	python3 - "$1" "$tmp/page" <<'PY' || fail "$2 leaves out what $1 has"
import re, subprocess, sys
prog, page = sys.argv[1], open(sys.argv[2]).read()

def complete(*words):
    out = subprocess.run([prog, "__complete", str(len(words) - 1), *words],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    return [w for w in out[1:] if w]

def section(name):
    m = re.search(r"^%s\n(.*?)^[A-Z][A-Z ]+\n" % name, page, re.S | re.M)
    assert m, "no %s section" % name
    return m.group(1)

name = prog.rsplit("/", 1)[-1]
commands = [c for c in complete(name, "") if c != "help"]
global_options = set(complete(name, "--"))
cmds = section("COMMANDS")
items, current = {}, None
for line in cmds.split("\n"):
    m = re.match(r"^ {7}(\S.*)", line)
    if m:
        head = m.group(1).split(" ")
        words = head[0].split("|")
        # "podman install ..." items belong to podman and podman install.
        if words[0] == "podman" and len(head) > 1:
            words = ["podman", "podman " + head[1]]
        current = words
    for w in current or []:
        items.setdefault(w, []).append(line)
bad = []
def need(item, text):
    if item not in items:
        bad.append("no COMMANDS item for %s" % item)
        return
    body = "\n".join(items[item])
    if "Example:" not in body:
        bad.append("%s: no example" % item)
    # Described: named on a tag line of the item's option list (a line
    # that starts with an option), not only in its synopsis.
    tags = "\n".join(l for l in items[item] if re.match(r"^\s+-", l))
    for o in text:
        if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), tags):
            bad.append("%s: %s not described" % (item, o))
for c in commands:
    own = [o for o in complete(name, c, "--") if o.startswith("--") and o not in global_options]
    need(c, own)
    if c == "podman":
        # One item describes them all (their headings share it).
        for sub in complete(name, "podman", ""):
            if "podman " + sub not in items:
                bad.append("no COMMANDS heading for podman %s" % sub)
            own = [o for o in complete(name, "podman", sub, "--")
                   if o.startswith("--") and o not in global_options]
            need("podman", own)
options = section("OPTIONS")
for o in global_options:
    if o.startswith("--") and not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), options):
        bad.append("OPTIONS: %s not described" % o)
for b in bad:
    print("FAIL: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	echo "ok $2 describes every command and option of $1"
}
check "$QBINFMT" "$top_srcdir/doc/qbinfmt.8"
check "$ELFPROBE" "$top_srcdir/doc/elfprobe.1"
