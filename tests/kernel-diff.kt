#!/bin/sh
# Our register-string parser against the kernel's create_entry().
# timeout: 600
. "$top_srcdir/tests/lib.sh"
require_sandbox
"$top_builddir/tests/kernel-diff" parse "$BINFMT_DIR" "$top_srcdir/tests/data/register-corpus.txt"
