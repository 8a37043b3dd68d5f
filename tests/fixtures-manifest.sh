#!/bin/sh
# fixtures-manifest.sh: check tests/fixtures/MANIFEST with libelf; see
# tests/fixtures-manifest.c.  Runs from the top of the build tree.
exec "${top_builddir:-.}/tests/fixtures-manifest" "${top_srcdir:-${srcdir:-.}}/tests/fixtures/MANIFEST"
