/* SPDX-License-Identifier: MIT */
/* registrar/registrar.c and namespace.c, linked without the command line
 * (no qbinfmt.c): which binfmt_misc a command acts on, and their failures
 * as data.  Only fake trees: nothing here mounts or enters anything. */
#include "registrar/registrar.h"
#include "registrar/namespace.h"
#include "unit-files.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

static void test_registrar_owns_its_prefix_only(void **state)
{
	(void)state;
	assert_true(registrar_owns("qbinfmt-aarch64"));
	assert_false(registrar_owns("qemu-aarch64"));
	assert_false(registrar_owns("qbinfmt"));
}

static void test_registrar_binfmt_fake_tree_is_used_as_it_is(void **state)
{
	const char *dir = unit_tmpdir();
	struct binfmt_target t;
	struct failure f;

	(void)state;
	assert_non_null(dir);
	assert_non_null(unit_write(dir, "register", ""));
	assert_non_null(unit_write(dir, "status", "enabled\n"));
	assert_int_equal(registrar_binfmt(dir, 0, BINFMT_READ, false, &t, &f), 0);
	assert_string_equal(t.dir, dir);
	assert_true(t.own);
	assert_false(t.podman);
	unit_remove_tree(dir);
}

static void test_registrar_binfmt_not_a_mount_is_status_3(void **state)
{
	const char *dir = unit_tmpdir();
	struct binfmt_target t;
	struct failure f;

	(void)state;
	assert_non_null(dir);
	assert_int_equal(registrar_binfmt(dir, 0, BINFMT_READ, false, &t, &f), -1);
	assert_int_equal(f.status, 3);
	assert_non_null(
	    strstr(f.why, " is not a binfmt_misc mount (as root: mount -t binfmt_misc"));
	/* The module's text names no command: the command puts it in front. */
	assert_memory_equal(f.why, dir, strlen(dir));
	/* doctor's PEEK: no mount is an answer, not a failure. */
	assert_int_equal(registrar_binfmt(dir, 0, BINFMT_PEEK, false, &t, &f), 0);
	assert_false(t.own);
	unit_remove_tree(dir);
}

static void test_registrar_binfmt_no_such_process(void **state)
{
	struct binfmt_target t;
	struct failure f;

	(void)state;
	/* Above the kernel's largest pid_max (2^22): no process has it. */
	assert_int_equal(registrar_binfmt("/nonexistent", 0x3fffffff, BINFMT_READ, false, &t, &f),
			 -1);
	assert_int_equal(f.status, 1);
	assert_string_equal(f.why, "--namespace-of 1073741823: no such process");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registrar_owns_its_prefix_only),
	    cmocka_unit_test(test_registrar_binfmt_fake_tree_is_used_as_it_is),
	    cmocka_unit_test(test_registrar_binfmt_not_a_mount_is_status_3),
	    cmocka_unit_test(test_registrar_binfmt_no_such_process),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
