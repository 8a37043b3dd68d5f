/* SPDX-License-Identifier: MIT */
/* lint, names: a rule named for one target must match that target's
 * binaries and no other's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit-lint.h"

static void lint_one(struct table *t, struct lint_report *r, const char *name, const char *magic,
		     const char *mask)
{
	char line[1024];
	unit_magic_line(line, sizeof(line), name, magic, mask);
	unit_lint(t, r, line);
}

static void done(struct table *t, struct lint_report *r)
{
	lint_report_free(r);
	table_free(t);
}

static void test_lint_target_swapped_sparc_rules(void **state)
{
	/* NixOS's sparc64-linux: ELFCLASS32 and EM_SPARC, sparc's identity. */
	struct table t;
	struct lint_report r;
	(void)state;
	lint_one(&t, &r, "sparc64-linux", "7f454c4601020100000000000000000000020002",
		 "ffffffffffffff00fffffffffffffffffffeffff");
	const struct lint_finding *f = unit_only(&r, LINT_WRONG_TARGET);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_string_equal(
	    f->message,
	    "named for sparc64 but matches no sparc64 binary; it matches sparc binaries");
	done(&t, &r);
}

static void test_lint_target_mips_without_abi_bit(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	lint_one(&t, &r, "qemu-mips", "7f454c4601020100000000000000000000020008",
		 "ffffffffffffff00fefffffffffffffffffeffff");
	const struct lint_finding *f = unit_only(&r, LINT_WRONG_TARGET);
	assert_non_null(f);
	assert_string_equal(f->message, "named for mips but also matches mipsn32 binaries");
	done(&t, &r);
}

static void test_lint_target_matching_nothing_known(void **state)
{
	/* i686 with EM_IAMCU (6): real i686 binaries carry EM_386 (3). */
	struct table t;
	struct lint_report r;
	(void)state;
	lint_one(&t, &r, "i686-linux", "7f454c4601010100000000000000000002000600",
		 "fffffffffffefe00fffffffffffffffffeffffff");
	const struct lint_finding *f = unit_only(&r, LINT_WRONG_TARGET);
	assert_non_null(f);
	assert_string_equal(
	    f->message, "named for i386 but matches no i386 binary, nor any other qemu target's");
	done(&t, &r);
}

static void test_lint_target_unknown_names_are_left_alone(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	lint_one(&t, &r, "wasm32-wasi", "0061736d", "ffffffff");
	assert_int_equal(r.count, 0);
	done(&t, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lint_target_swapped_sparc_rules),
	    cmocka_unit_test(test_lint_target_mips_without_abi_bit),
	    cmocka_unit_test(test_lint_target_matching_nothing_known),
	    cmocka_unit_test(test_lint_target_unknown_names_are_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
