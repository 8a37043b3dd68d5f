/* SPDX-License-Identifier: MIT */
/* registrar/platform: OCI platform names, as docker --platform and
 * tonistiigi/binfmt's --install write them, and the targets they mean. */
#include "registrar/platform.h"

#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void test_platform_rows_name_targets(void **state)
{
	(void)state;
	for (size_t i = 0; i < platform_count; i++) {
		const struct target *t = target_lookup(platforms[i].target);
		assert_non_null(t);
		assert_string_equal(t->name, platforms[i].target);
	}
}

static void test_platform_target_takes_oci_forms(void **state)
{
	(void)state;
	assert_string_equal(platform_target("arm64")->name, "aarch64");
	assert_string_equal(platform_target("linux/arm64")->name, "aarch64");
	assert_string_equal(platform_target("LINUX/ARM64")->name, "aarch64");
	assert_string_equal(platform_target("linux/arm/v7")->name, "arm");
	assert_string_equal(platform_target("arm/v6")->name, "arm");
	assert_string_equal(platform_target("linux/amd64/v3")->name, "x86_64");
	assert_string_equal(platform_target("386")->name, "i386");
	assert_string_equal(platform_target("mips64le")->name, "mips64el");
	assert_string_equal(platform_target("loong64")->name, "loongarch64");
}

static void test_platform_target_takes_target_names_and_aliases(void **state)
{
	(void)state;
	assert_string_equal(platform_target("aarch64")->name, "aarch64");
	assert_string_equal(platform_target("armhf")->name, "arm");
	assert_string_equal(platform_target("s390x")->name, "s390x");
	assert_string_equal(platform_target("linux/riscv64")->name, "riscv64");
}

static void test_platform_target_refuses_other_oses_and_nonsense(void **state)
{
	(void)state;
	assert_null(platform_target("windows/amd64"));
	assert_null(platform_target("darwin/arm64/v8"));
	assert_null(platform_target("linux"));
	assert_null(platform_target("linux/arm64/v8/x"));
	assert_null(platform_target("aarch64/v8"));
	assert_null(platform_target(""));
	assert_null(platform_target("/"));
	assert_null(platform_target("foo"));
}

static void test_platform_format_and_names(void **state)
{
	char text[512];

	(void)state;
	platform_format(&platforms[0], text, sizeof(text));
	assert_string_equal(text, "linux/amd64");
	for (size_t i = 0; i < platform_count; i++)
		if (platforms[i].variant && !strcmp(platforms[i].variant, "v7")) {
			platform_format(&platforms[i], text, sizeof(text));
			assert_string_equal(text, "linux/arm/v7");
		}
	platform_names(text, sizeof(text));
	assert_non_null(strstr(text, "amd64 arm64 "));
	assert_non_null(strstr(text, " arm/v7 "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_platform_rows_name_targets),
	    cmocka_unit_test(test_platform_target_takes_oci_forms),
	    cmocka_unit_test(test_platform_target_takes_target_names_and_aliases),
	    cmocka_unit_test(test_platform_target_refuses_other_oses_and_nonsense),
	    cmocka_unit_test(test_platform_format_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
