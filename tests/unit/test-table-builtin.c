/* SPDX-License-Identifier: MIT */
/* The built-in table and the guess of an entry's target. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "host-elf.h"
#include "table.h"

static void test_table_builtin_all_targets_in_order(void **state)
{
	struct table t;
	(void)state;
	table_init(&t);
	table_load_builtin(&t, "/opt/q/qemu-{}-static", NULL);
	assert_int_equal(t.count, target_count);
	assert_int_equal(t.problem_count, 0);
	for (size_t i = 0; i < t.count; i++) {
		char name[64], interpreter[64];
		snprintf(name, sizeof(name), "qbinfmt-%s", targets[i].name);
		snprintf(interpreter, sizeof(interpreter), "/opt/q/qemu-%s-static",
			 targets[i].name);
		assert_ptr_equal(t.items[i].target, &targets[i]);
		assert_string_equal(t.items[i].entry.name, name);
		assert_string_equal(t.items[i].entry.interpreter, interpreter);
		assert_string_equal(t.items[i].source, "built-in");
	}
	table_free(&t);
}

/* What a host runs natively is left out: an x86_64 one's i386 and
 * x86_64; an arm64 one said to lack AArch32, aarch64 alone. */
static void test_table_builtin_skips_what_the_host_runs(void **state)
{
	struct host_profile host;
	struct table t;
	char why[200];
	(void)state;
	assert_int_equal(host_parse("x86_64", &host, why, sizeof(why)), 0);
	table_init(&t);
	table_load_builtin(&t, "q", &host);
	assert_int_equal(t.count, target_count - 2);
	for (size_t i = 0; i < t.count; i++)
		assert_string_not_equal(t.items[i].target->family, "x86");
	table_free(&t);
	assert_int_equal(host_parse("arm64,-arm", &host, why, sizeof(why)), 0);
	table_init(&t);
	table_load_builtin(&t, "q", &host);
	assert_int_equal(t.count, target_count - 1);
	for (size_t i = 0; i < t.count; i++)
		assert_string_not_equal(t.items[i].target->name, "aarch64");
	table_free(&t);
}

static void test_table_guess_target_from_names(void **state)
{
	static const struct {
		const char *name, *interpreter, *target;
	} cases[] = {
	    {"qemu-aarch64", "/x", "aarch64"},
	    {"qbinfmt-mipsn32el", "/x", "mipsn32el"},
	    {"aarch64-linux", "/x", "aarch64"},
	    {"i486-linux", "/x", "i386"},
	    {"arm64", "/x", "aarch64"},
	    {"whatever", "/usr/bin/qemu-riscv64-static", "riscv64"},
	    {"whatever", "/usr/libexec/qemu-binfmt/ppc64le-binfmt-P", "ppc64le"},
	    {"whatever", "/run/binfmt/sparc64-linux", "sparc64"},
	    {"jar", "/usr/bin/jexec", NULL},
	    {"qemu-", "qemu-", NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct binfmt_entry e;
		memset(&e, 0, sizeof(e));
		snprintf(e.name, sizeof(e.name), "%s", cases[i].name);
		snprintf(e.interpreter, sizeof(e.interpreter), "%s", cases[i].interpreter);
		const struct target *t = table_guess_target(&e);
		if (cases[i].target) {
			assert_non_null(t);
			assert_string_equal(t->name, cases[i].target);
		} else {
			assert_null(t);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_builtin_all_targets_in_order),
	    cmocka_unit_test(test_table_builtin_skips_what_the_host_runs),
	    cmocka_unit_test(test_table_guess_target_from_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
