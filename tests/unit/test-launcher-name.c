/* SPDX-License-Identifier: MIT */
/* lib/launcher-name: the launcher's per-target names, with a CPU model
 * or without, made and read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "launcher-name.h"

static void test_launcher_name_parse_reads_the_last_component(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	const char *cpu = "unset";
	(void)state;
	assert_true(launcher_name_parse("/usr/libexec/qbinfmt/qemu-aarch64-binfmt-P", t, &cpu));
	assert_string_equal(t, "aarch64");
	assert_null(cpu);
	assert_true(launcher_name_parse("qemu-mipsn32el-binfmt-P", t, &cpu));
	assert_string_equal(t, "mipsn32el");
}

static void test_launcher_name_parse_reads_the_cpu_model(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	const char *cpu = NULL;
	(void)state;
	assert_true(launcher_name_parse(
	    "/run/qbinfmt/qemu-aarch64-binfmt-P,cpu=max,pauth-impdef=on", t, &cpu));
	assert_string_equal(t, "aarch64");
	assert_string_equal(cpu, "max,pauth-impdef=on");
	assert_true(launcher_name_parse(
	    "qemu-riscv64-binfmt-P,cpu=rv64,v=true,vext_spec=v1.0,vlen=128", t, &cpu));
	assert_string_equal(cpu, "rv64,v=true,vext_spec=v1.0,vlen=128");
}

static void test_launcher_name_parse_refuses_other_names(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;
	(void)state;
	assert_false(launcher_name_parse("qbinfmt-launch", t, &cpu));
	assert_false(launcher_name_parse("qemu--binfmt-P", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P/", t, &cpu));
	assert_false(launcher_name_parse("qemu-../x-binfmt-P", t, &cpu));
	assert_false(launcher_name_parse("qemu-AARCH64-binfmt-P", t, &cpu));
	assert_false(
	    launcher_name_parse("qemu-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-binfmt-P", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-static", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-Px", t, &cpu));
	assert_false(launcher_name_parse(NULL, t, &cpu));
	assert_false(launcher_name_parse("", t, &cpu));
}

static void test_launcher_name_parse_refuses_models_that_could_be_more(void **state)
{
	char t[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;
	(void)state;
	/* An option, a second argument, a shell word, an empty model. */
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P,cpu=-d", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P,cpu=max a", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P,cpu=max;id", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P,cpu=", t, &cpu));
	assert_false(launcher_name_parse("qemu-aarch64-binfmt-P,cpux=max", t, &cpu));
	assert_false(launcher_cpu_valid("max\n"));
	assert_false(launcher_cpu_valid(""));
	assert_true(launcher_cpu_valid("cortex-a72"));
}

static void test_launcher_name_made_then_read_back(void **state)
{
	char name[300], small[20], t[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;
	(void)state;
	assert_true(launcher_name("sparc32plus", NULL, name, sizeof(name)));
	assert_string_equal(name, "qemu-sparc32plus-binfmt-P");
	assert_true(launcher_name_parse(name, t, &cpu));
	assert_string_equal(t, "sparc32plus");
	assert_false(launcher_name("sparc32plus", NULL, small, sizeof(small)));
	assert_true(launcher_name("aarch64", "max,pauth=off", name, sizeof(name)));
	assert_string_equal(name, "qemu-aarch64-binfmt-P,cpu=max,pauth=off");
	assert_true(launcher_name_parse(name, t, &cpu));
	assert_string_equal(cpu, "max,pauth=off");
	assert_false(launcher_name("aarch64", "-d in_asm", name, sizeof(name)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_launcher_name_parse_reads_the_last_component),
	    cmocka_unit_test(test_launcher_name_parse_reads_the_cpu_model),
	    cmocka_unit_test(test_launcher_name_parse_refuses_other_names),
	    cmocka_unit_test(test_launcher_name_parse_refuses_models_that_could_be_more),
	    cmocka_unit_test(test_launcher_name_made_then_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
