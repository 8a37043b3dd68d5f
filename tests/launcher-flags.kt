#!/bin/sh
# The launcher under each flag set.  With P the program's argv[0] comes
# through; without P the kernel drops it, the launcher sees that in
# AT_FLAGS (Linux 5.12+) and the program gets its path, as the kernel
# itself would give.
. "$top_srcdir/tests/lib.sh"
require_sandbox
cd "$FIXTURES"

# Targets of another family than this machine's (aarch64, or x86_64 on
# arm64), whose entries capture none of the tools the test runs.
for flags in P PF POF ""; do
	for t in $(foreign_target) s390x; do
		unregister_all
		register_target "$t" "$flags" "$LAUNCHER_DIR/qemu-$t-binfmt-P"
		grep -qx "flags: $flags" "$BINFMT_DIR/qbinfmt-$t" || fail "flags of $t: $(cat "$BINFMT_DIR/qbinfmt-$t")"
		# python3's execv passes the path exactly as written (bash makes it absolute).
		out=$(python3 -c 'import os, sys; os.execv(sys.argv[1], ["myname", "a"])' "bin/hello-$t") ||
			fail "$t with '$flags' failed"
		if [ -n "$flags" ]; then want="2 myname a"; else want="2 bin/hello-$t a"; fi
		[ "$(echo $out)" = "$want" ] || fail "$t with flags '$flags': got '$(echo $out)', want '$want'"
		echo "ok $t flags '$flags'"
	done
done
