/* SPDX-License-Identifier: MIT */
/* lib/launcher-name: the launcher's per-target names, made and read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "launcher-name.h"

static void test_launcher_name_target_read_from_the_last_component(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	(void)state;
	assert_true(launcher_name_target("/usr/libexec/qbinfmt/qemu-aarch64-binfmt-P", t));
	assert_string_equal(t, "aarch64");
	assert_true(launcher_name_target("qemu-mipsn32el-binfmt-P", t));
	assert_string_equal(t, "mipsn32el");
}

static void test_launcher_name_target_refuses_other_names(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	(void)state;
	assert_false(launcher_name_target("qbinfmt-launch", t));
	assert_false(launcher_name_target("qemu--binfmt-P", t));
	assert_false(launcher_name_target("qemu-aarch64-binfmt-P/", t));
	assert_false(launcher_name_target("qemu-../x-binfmt-P", t));
	assert_false(launcher_name_target("qemu-AARCH64-binfmt-P", t));
	assert_false(launcher_name_target("qemu-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-binfmt-P", t));
	assert_false(launcher_name_target("qemu-aarch64-static", t));
	assert_false(launcher_name_target(NULL, t));
	assert_false(launcher_name_target("", t));
}

static void test_launcher_name_made_then_read_back(void **state)
{
	char name[64], small[20], t[LAUNCHER_TARGET_MAX + 1];
	(void)state;
	assert_true(launcher_name("sparc32plus", name, sizeof(name)));
	assert_string_equal(name, "qemu-sparc32plus-binfmt-P");
	assert_true(launcher_name_target(name, t));
	assert_string_equal(t, "sparc32plus");
	assert_false(launcher_name("sparc32plus", small, sizeof(small)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_launcher_name_target_read_from_the_last_component),
	    cmocka_unit_test(test_launcher_name_target_refuses_other_names),
	    cmocka_unit_test(test_launcher_name_made_then_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
