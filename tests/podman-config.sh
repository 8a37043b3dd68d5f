#!/bin/sh
# The hook's folder joins the hook folders podman reads, and takes none
# away: the user's containers.conf is read as TOML (a folder commented out
# in a multi-line hooks_dir stays out, an apostrophe in a comment drops
# nothing), and a folder added after qbinfmt podman install still has its
# hooks run: appended to where podman can append (4.8+); before, podman
# status says the drop-in hides it (exit 1) until install runs again.
# timeout: 600
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/podman-lib.sh"
podman_account 7
podman_image arm64
conf=$podman_home/.config/containers/containers.conf
marks=$tmp/marks
mkdir -m 777 "$marks"

# hook_folder NAME: a folder with an OCI hook that marks $marks/NAME
# whenever a container starts (and passes the configuration through).
hook_folder() {
	mkdir -m 755 "$tmp/$1"
	cat > "$tmp/$1/$1.json" << EOF
{"version": "1.0.0", "hook": {"path": "/bin/sh", "args": ["sh", "-c", "cat; touch $marks/$1"]},
 "when": {"always": true}, "stages": ["precreate"]}
EOF
	chmod 644 "$tmp/$1/$1.json"
}
hook_folder commented
hook_folder mine
hook_folder after
hook_folder later

# Ran since the last call: the hooks that marked, by name.
marked() {
	ls "$marks" | sort | tr '\n' ' '
	rm -f "$marks"/*
}
run_arm64() {
	user_podman run --rm --arch arm64 localhost/deb-arm64 uname -m > "$tmp/out" 2> "$tmp/err" ||
		fail "$1: podman run: $(cat "$tmp/err")"
	[ "$(cat "$tmp/out")" = aarch64 ] || fail "$1: $(cat "$tmp/out")"
}

cp "$conf" "$tmp/quirks.conf"
cat >> "$conf" << EOF
hooks_dir = [
  # "$tmp/commented",
  "$tmp/mine", # isn't this one read?
  "$tmp/after",
]
EOF
as_user "$QBINFMT" podman install arm64 > "$tmp/out" || fail "podman install: $(cat "$tmp/out")"
user_podman system migrate
run_arm64 "with the user's hook folders"
ran=$(marked)
[ "$ran" = "after mine " ] || fail "hooks run besides qbinfmt's: $ran"
echo "ok the user's hook folders read as podman reads them, with the hook's"

# A folder the user adds afterwards.
cat "$tmp/quirks.conf" > "$conf"
cat >> "$conf" << EOF
hooks_dir = ["$tmp/mine", "$tmp/later"]
EOF
version=$(podman --version | sed -n 's/^podman version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
set -- $version
if [ "$1" -gt 4 ] || { [ "$1" = 4 ] && [ "$2" -ge 8 ]; }; then
	run_arm64 "after adding a folder"
	ran=$(marked)
	[ "$ran" = "later mine " ] || fail "podman $1.$2 appends: $ran"
	as_user "$QBINFMT" podman status > "$tmp/status" || fail "status: $(cat "$tmp/status")"
	echo "ok podman $1.$2: the hook's folder appended, a folder added later read"
else
	run_arm64 "after adding a folder"
	ran=$(marked)
	[ "$ran" = "after mine " ] || fail "podman $1.$2, before install again: $ran"
	status=0
	as_user "$QBINFMT" podman status > "$tmp/status" || status=$?
	[ "$status" = 1 ] || fail "status with a hidden folder: exit $status: $(cat "$tmp/status")"
	grep -qx "podman: $podman_home/.config/containers/containers.conf.d/99-qbinfmt.conf hides hook folders set in $conf since it was written: $tmp/later (qbinfmt podman install again keeps them)" "$tmp/status" ||
		fail "status does not say the drop-in hides a folder: $(cat "$tmp/status")"
	as_user "$QBINFMT" podman install arm64 > /dev/null || fail "install again"
	run_arm64 "after install again"
	ran=$(marked)
	[ "$ran" = "later mine " ] || fail "after install again: $ran"
	as_user "$QBINFMT" podman status > "$tmp/status" || fail "status after install again: $(cat "$tmp/status")"
	echo "ok podman $1.$2: status says the drop-in hides a folder added later; install again keeps it"
fi
