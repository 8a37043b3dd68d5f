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

/* The verdicts of a host named with --host: which targets of its family
 * it runs itself, and what each rests on. */
static void expect_verdict(const struct host_profile *h, const char *target, bool native,
			   enum host_basis basis, const char *why)
{
	struct host_verdict v;

	host_judge(h, target_lookup(target), &v);
	assert_int_equal(v.native, native);
	assert_int_equal(v.basis, basis);
	assert_string_equal(v.why, why);
}

static void test_host_elf_arm64_host_runs_arm_unless_said(void **state)
{
	struct host_profile h;
	char why[200];
	(void)state;

	assert_int_equal(host_parse("arm64", &h, why, sizeof(why)), 0);
	assert_false(h.here);
	assert_string_equal(h.own->name, "aarch64");
	expect_verdict(&h, "aarch64", true, HOST_OWN, "the host's own target");
	expect_verdict(
	    &h, "arm", true, HOST_ASSUMED,
	    "assumed: arm64 kernels run 32-bit arm programs where the CPU has AArch32 at EL0, as Cortex-A72 and most Ampere Altra do; Apple M, Graviton 3 and later and A64FX have none");
	expect_verdict(&h, "armeb", false, HOST_NEVER,
		       "a little-endian kernel runs no big-endian programs");
	expect_verdict(&h, "aarch64_be", false, HOST_NEVER,
		       "a little-endian kernel runs no big-endian programs");
	expect_verdict(&h, "x86_64", false, HOST_OTHER_FAMILY,
		       "of another family than the host's (arm)");
	assert_int_equal(host_parse("aarch64,-arm", &h, why, sizeof(why)), 0);
	expect_verdict(&h, "arm", false, HOST_SAID, "said so (-arm)");
	assert_string_equal(host_name(&h, why, sizeof(why)), "aarch64 (--host aarch64,-arm)");
	assert_int_equal(host_parse("armhf,+aarch64", &h, why, sizeof(why)), 0);
	expect_verdict(&h, "aarch64", true, HOST_SAID, "said so (+aarch64)");
}

static void test_host_elf_riscv64_ppc64le_s390x_hosts(void **state)
{
	struct host_profile h;
	char why[200];
	(void)state;

	assert_int_equal(host_parse("riscv64", &h, why, sizeof(why)), 0);
	expect_verdict(
	    &h, "riscv32", false, HOST_ASSUMED,
	    "assumed: riscv64 kernels run riscv32 programs only with COMPAT, on the few CPUs whose user mode can run 32-bit code (UXL)");
	assert_int_equal(host_parse("riscv64,+riscv32", &h, why, sizeof(why)), 0);
	assert_true(host_native(&h, target_lookup("riscv32")));
	assert_int_equal(host_parse("ppc64el", &h, why, sizeof(why)), 0);
	assert_string_equal(h.own->name, "ppc64le");
	expect_verdict(&h, "ppc64", false, HOST_NEVER,
		       "a little-endian kernel runs no big-endian programs");
	expect_verdict(&h, "ppc", false, HOST_NEVER,
		       "a little-endian kernel runs no big-endian programs");
	assert_int_equal(host_parse("s390x", &h, why, sizeof(why)), 0);
	for (size_t i = 0; i < target_count; i++)
		assert_int_equal(host_native(&h, &targets[i]), !strcmp(targets[i].name, "s390x"));
	assert_int_equal(host_parse("x86_64", &h, why, sizeof(why)), 0);
	assert_true(host_native(&h, target_lookup("i386")));
	struct host_elf own;
	assert_int_equal(host_own_elf(&h, &own), 0);
	assert_ptr_equal(host_elf_target(&own), target_lookup("x86_64"));
}

/* Each refusal of a --host spec, word for word. */
static void expect_refused(const char *spec, const char *why)
{
	struct host_profile h;
	char got[200];

	assert_int_equal(host_parse(spec, &h, got, sizeof(got)), -1);
	assert_string_equal(got, why);
}

static void test_host_elf_parse_refusals(void **state)
{
	(void)state;
	expect_refused("", "'' is no target name or alias (see qbinfmt list)");
	expect_refused("vax", "'vax' is no target name or alias (see qbinfmt list)");
	expect_refused("arm64,arm", "'arm': after the architecture come +TARGET or -TARGET");
	expect_refused("arm64,-vax", "'vax' is no target name or alias (see qbinfmt list)");
	expect_refused(
	    "arm64,+x86_64",
	    "x86_64 is not of aarch64's family (arm): no kernel of it runs x86_64 programs");
	expect_refused("arm64,-aarch64",
		       "aarch64 is the host's own target: it always runs natively");
	expect_refused("arm64,+arm,-armhf", "arm is said both to run natively and not");
}

/* This machine: its own target runs, another family's does not, and the
 * targets of its family were tried (the machine's kernel decides which). */
static void test_host_elf_here_is_tried(void **state)
{
	const struct host_profile *here = host_here();
	struct host_verdict v;
	(void)state;

	assert_true(here->here);
	assert_non_null(here->own);
	assert_true(host_native(here, here->own));
	for (size_t i = 0; i < target_count; i++) {
		host_judge(here, &targets[i], &v);
		if (!target_in_family(&targets[i], here->family))
			assert_int_equal(v.basis, HOST_OTHER_FAMILY);
		else if (&targets[i] != here->own)
			assert_int_equal(v.basis, HOST_TRIED);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_host_elf_family_from_the_executable_first),
	    cmocka_unit_test(test_host_elf_family_else_from_uname_machine),
	    cmocka_unit_test(test_host_elf_family_read_is_this_machine),
	    cmocka_unit_test(test_host_elf_arm64_host_runs_arm_unless_said),
	    cmocka_unit_test(test_host_elf_riscv64_ppc64le_s390x_hosts),
	    cmocka_unit_test(test_host_elf_parse_refusals),
	    cmocka_unit_test(test_host_elf_here_is_tried),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
