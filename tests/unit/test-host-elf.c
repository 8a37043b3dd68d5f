/* SPDX-License-Identifier: MIT */
/* lib/host-elf: the host's own executable and the host's family. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "host-elf.h"

#include <sys/utsname.h>

/* The executable's header decides, whatever uname says: a 32-bit arm
 * build on an arm64 kernel, or a machine uname spells as no alias. */
static void test_host_elf_family_from_the_executable_first(void **state)
{
	(void)state;
	assert_string_equal(host_family(target_lookup("arm"), "aarch64"), "arm");
	assert_string_equal(host_family(target_lookup("s390x"), "x86_64"), "s390");
	assert_string_equal(host_family(target_lookup("sh4"), "sh4a"), "sh");
	assert_string_equal(host_family(target_lookup("riscv64"), NULL), "riscv");
}

/* Without one (no /proc, or an x32 program), uname's machine through
 * the table's names and aliases. */
static void test_host_elf_family_else_from_uname_machine(void **state)
{
	(void)state;
	assert_string_equal(host_family(NULL, "aarch64"), "arm");
	assert_string_equal(host_family(NULL, "armv7l"), "arm");
	assert_string_equal(host_family(NULL, "ppc64le"), "ppc");
	assert_string_equal(host_family(NULL, "mips64"), "mips");
	assert_string_equal(host_family(NULL, "i686"), "x86");
	assert_null(host_family(NULL, "sh4a"));
	assert_null(host_family(NULL, ""));
	assert_null(host_family(NULL, NULL));
}

/* This process: its own header, which names a target on every machine
 * qbinfmt builds on, and the same family uname gives here. */
static void test_host_elf_family_read_is_this_machine(void **state)
{
	struct host_elf exe;
	struct utsname u;
	(void)state;

	assert_int_equal(host_elf_read(&exe), 0);
	const struct target *t = host_elf_target(&exe);
	assert_non_null(t);
	assert_string_equal(host_family_read(), t->family);
	assert_int_equal(uname(&u), 0);
	assert_string_equal(host_family(NULL, u.machine), t->family);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_host_elf_family_from_the_executable_first),
	    cmocka_unit_test(test_host_elf_family_else_from_uname_machine),
	    cmocka_unit_test(test_host_elf_family_read_is_this_machine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
