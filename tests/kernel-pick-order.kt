#!/bin/sh
# Which entry the kernel runs when several match: entry_pick() must agree.
. "$top_srcdir/tests/lib.sh"
require_sandbox
"$top_builddir/tests/kernel-diff" pick "$BINFMT_DIR" "$tmp"
