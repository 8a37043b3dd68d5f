#!/bin/sh
# containers.conf is TOML, and qbinfmt reads it as TOML
# (registrar/podman-toml.c): the same values as Python's tomllib from the
# files podman itself ships on this machine and from the tricky documents
# of tests/data/toml/valid (comments in multi-line arrays, both quotings
# with escapes, "[engine]" inside strings, arrays of tables, dates); every
# document of tests/data/toml/invalid refused by both.
. "$top_srcdir/tests/lib.sh"
command -v python3 > /dev/null || fail "python3 is not installed (tools/setup installs it)"
python3 -c 'import tomllib' 2> /dev/null || fail "python3 has no tomllib (Python 3.11 or later)"
dump=$top_builddir/tests/toml-dump
[ -x "$dump" ] || fail "$dump is not built (make check builds it)"
data=$top_srcdir/tests/data/toml

# The same one-line-per-value form as tests/toml-dump.c prints.
cat > "$tmp/tomllib-dump.py" << 'PY'
import sys, tomllib

def quoted(s):
    out = []
    for ch in s:
        if ch in '"\\':
            out.append('\\' + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append('\\u%04x' % ord(ch))
        else:
            out.append(ch)
    return '"' + ''.join(out) + '"'

def inline(v):
    if isinstance(v, str):
        return quoted(v)
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, list):
        return '[' + ','.join(inline(x) for x in v) + ']'
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode())
        return '{' + ','.join(quoted(k) + '=' + inline(v[k]) for k in keys) + '}'
    return '#'  # numbers, dates and times

def dump(v, path, out):
    if isinstance(v, dict) and v:
        for k, x in v.items():
            dump(x, (path + '.' if path else '') + quoted(k), out)
    else:
        out.write((path + ' = ' + inline(v) + '\n').encode())

# One process for every file (Python starts slowly): FILE's reading
# goes to OUTDIR/N, N counting from 1, and "error" to OUTDIR/N.error.
for n, name in enumerate(sys.argv[2:], 1):
    try:
        doc = tomllib.load(open(name, 'rb'))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        open('%s/%d.error' % (sys.argv[1], n), 'w').write(str(e))
        continue
    with open('%s/%d' % (sys.argv[1], n), 'wb') as out:
        if doc:
            dump(doc, '', out)
PY

shipped=
for f in /usr/share/containers/containers.conf /usr/share/containers/storage.conf \
	/etc/containers/containers.conf /etc/containers/storage.conf /etc/containers/libpod.conf \
	/etc/containers/registries.conf /etc/containers/registries.conf.d/*.conf \
	/etc/containers/containers.conf.d/*.conf; do
	[ ! -f "$f" ] || shipped="$shipped $f"
done
[ -f /usr/share/containers/containers.conf ] ||
	fail "podman's /usr/share/containers/containers.conf is missing (tools/setup installs podman)"
# shellcheck disable=SC2086 # the file names are ours, without blanks
set -- $shipped "$data"/valid/*.toml "$data"/invalid/*.toml
mkdir "$tmp/theirs"
python3 "$tmp/tomllib-dump.py" "$tmp/theirs" "$@" || fail "the tomllib side failed"

n=0 read_alike=0 refused=0
for f; do
	n=$((n + 1))
	case $f in
	*/invalid/*)
		! "$dump" "$f" > "$tmp/ours" || fail "$f: we take it: $(cat "$tmp/ours")"
		grep -q '^error [0-9]*: ' "$tmp/ours" || fail "$f: no line in our refusal: $(cat "$tmp/ours")"
		[ -e "$tmp/theirs/$n.error" ] || fail "$f: tomllib takes it, we refuse it: $(cat "$tmp/ours")"
		refused=$((refused + 1))
		;;
	*)
		"$dump" "$f" | LC_ALL=C sort > "$tmp/ours" || fail "$f: we refuse it: $(cat "$tmp/ours")"
		[ -e "$tmp/theirs/$n" ] || fail "$f: tomllib refuses it: $(cat "$tmp/theirs/$n.error")"
		LC_ALL=C sort "$tmp/theirs/$n" > "$tmp/theirs-sorted"
		diff -u "$tmp/theirs-sorted" "$tmp/ours" > "$tmp/diff" ||
			fail "$f read otherwise than tomllib reads it: $(cat "$tmp/diff")"
		read_alike=$((read_alike + 1))
		;;
	esac
done
echo "ok $read_alike documents (podman's own:$shipped) read as tomllib reads them"
echo "ok $refused documents that are not TOML refused by both"
