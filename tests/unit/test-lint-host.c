/* SPDX-License-Identifier: MIT */
/* lint against the host: rules that capture its own executables, or its
 * family's, which it runs natively. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit-lint.h"

static void lint_as(struct table *t, struct lint_report *r, const char *host_target,
		    const char *text)
{
	struct host host;
	unit_host(&host, host_target);
	table_init(t);
	table_parse_register(t, "t", text, strlen(text));
	lint_table(t, &host, r);
}

static void done(struct table *t, struct lint_report *r)
{
	lint_report_free(r);
	table_free(t);
}

static void test_lint_host_rule_capturing_own_executables(void **state)
{
	/* NixOS's x86_64-linux rule, on an x86_64 host. */
	char line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(line, sizeof(line), "x86_64-linux",
			"7f454c4602010100000000000000000002003e00",
			"fffffffffffefe00fffffffffffffffffeffffff");
	lint_as(&t, &r, "x86_64", line);
	const struct lint_finding *f = unit_only(&r, LINT_HOST);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_string_equal(
	    f->message,
	    "captures this host's own executables (x86_64, ELFCLASS64 LSB, machine x86-64; matches exec/sysv, exec/gnu, dyn/sysv, dyn/gnu): binfmt_misc is asked before the kernel's ELF loader, so every native program would run through /i");
	done(&t, &r);
	/* The same rule on an aarch64 host is fine. */
	lint_as(&t, &r, "aarch64", line);
	assert_int_equal(unit_count(&r, LINT_HOST) + unit_count(&r, LINT_HOST_FAMILY), 0);
	done(&t, &r);
}

static void test_lint_host_lists_only_matching_variants(void **state)
{
	/* OSABI pinned to 0 and e_type to ET_DYN: only dyn/sysv matches. */
	char line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(line, sizeof(line), "x", "7f454c4602010100000000000000000003003e00",
			"ffffffffffffffff00ffffffffffffffffffffff");
	lint_as(&t, &r, "x86_64", line);
	const struct lint_finding *f = unit_only(&r, LINT_HOST);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "; matches dyn/sysv):"));
	done(&t, &r);
}

static void test_lint_host_family_warns_for_i386_on_x86_64(void **state)
{
	char line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(line, sizeof(line), "qemu-i386", "7f454c4601010100000000000000000002000300",
			"fffffffffffefe00fffffffffffffffffeffffff");
	lint_as(&t, &r, "x86_64", line);
	const struct lint_finding *f = unit_only(&r, LINT_HOST_FAMILY);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_string_equal(
	    f->message,
	    "captures i386 binaries, which this x86_64 host runs natively (assumed: x86_64 kernels run i386 programs through IA32 emulation, unless built without it or booted with ia32_emulation=0): binfmt_misc is asked before the kernel's own loader");
	assert_int_equal(unit_count(&r, LINT_HOST), 0);
	done(&t, &r);
}

static void test_lint_host_unknown_skips_host_checks(void **state)
{
	char line[1024];
	struct table t;
	struct lint_report r;
	struct host host;
	(void)state;
	memset(&host, 0, sizeof(host));
	unit_magic_line(line, sizeof(line), "any-elf", "7f454c46", "ffffffff");
	table_init(&t);
	table_parse_register(&t, "t", line, strlen(line));
	lint_table(&t, &host, &r);
	assert_int_equal(unit_count(&r, LINT_HOST) + unit_count(&r, LINT_HOST_FAMILY), 0);
	done(&t, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lint_host_rule_capturing_own_executables),
	    cmocka_unit_test(test_lint_host_lists_only_matching_variants),
	    cmocka_unit_test(test_lint_host_family_warns_for_i386_on_x86_64),
	    cmocka_unit_test(test_lint_host_unknown_skips_host_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
