/* SPDX-License-Identifier: MIT */
/* registrar/qemu-ask: qemu's version from what `qemu -version` prints,
 * and the table's model for it (lib/targets.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "registrar/qemu-ask.h"
#include "targets.h"

static void test_qemu_version_parse_major_and_minor(void **state)
{
	(void)state;
	assert_int_equal(
	    qemu_version_parse(
		"qemu-aarch64 version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u18)\nCopyright (c) 2003-2022 Fabrice Bellard and the QEMU Project developers\n"),
	    702);
	assert_int_equal(
	    qemu_version_parse("qemu-riscv64 version 10.0.13 (Debian 1:10.0.13+ds-0+deb13u1)\n"),
	    1000);
	assert_int_equal(qemu_version_parse("qemu-x86_64 version 8.2.2\n"), 802);
}

static void test_qemu_version_parse_refuses_what_is_no_version(void **state)
{
	(void)state;
	assert_int_equal(qemu_version_parse(""), -1);
	assert_int_equal(qemu_version_parse("qemu-aarch64 version seven"), -1);
	assert_int_equal(qemu_version_parse("qemu-aarch64 version 7"), -1);
	assert_int_equal(qemu_version_parse("usage: qemu-aarch64 [options] program"), -1);
}

static void test_target_cpu_model_by_qemu_version(void **state)
{
	const struct target *aarch64 = target_lookup("aarch64");
	const struct target *riscv64 = target_lookup("riscv64");
	const struct target *s390x = target_lookup("s390x");
	(void)state;
	/* QARMA5 by default from 6.0 to 9.2; 10.0 defaults to impdef itself. */
	assert_string_equal(target_cpu_model(aarch64, 702), "max,pauth-impdef=on");
	assert_string_equal(target_cpu_model(aarch64, 902), "max,pauth-impdef=on");
	assert_null(target_cpu_model(aarch64, 1000));
	assert_null(target_cpu_model(aarch64, 502));
	assert_null(target_cpu_model(aarch64, -1));
	/* No vector extension by default before 8.2. */
	assert_string_equal(target_cpu_model(riscv64, 702), "rv64,v=true,vext_spec=v1.0,vlen=128");
	assert_null(target_cpu_model(riscv64, 802));
	assert_null(target_cpu_model(s390x, 702));
	assert_string_equal(aarch64->cpu_fast, "max,pauth=off");
	assert_null(riscv64->cpu_fast);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qemu_version_parse_major_and_minor),
	    cmocka_unit_test(test_qemu_version_parse_refuses_what_is_no_version),
	    cmocka_unit_test(test_target_cpu_model_by_qemu_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
