/* SPDX-License-Identifier: MIT */
/* elfprobe lint's real-header pass: entries that turn away EI_OSABI,
 * EI_ABIVERSION or e_flags values real binaries of their target carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "target-entry.h"
#include "unit-lint.h"

/* The register line of qbinfmt's own entry for `target`, with byte `at`
 * of magic and mask replaced (at < 0: none). */
static void line_for(char *out, size_t size, const char *target, int at, unsigned char magic,
		     unsigned char mask)
{
	unsigned char m[BINFMT_HEADER_SIZE], k[BINFMT_HEADER_SIZE];
	size_t len = target_magic(target_lookup(target), m, k);
	char hm[2 * BINFMT_HEADER_SIZE + 1], hk[2 * BINFMT_HEADER_SIZE + 1];

	if (at >= 0) {
		if ((size_t)at >= len)
			len = (size_t)at + 1;
		m[at] = magic;
		k[at] = mask;
	}
	for (size_t i = 0; i < len; i++) {
		snprintf(hm + 2 * i, 3, "%02x", m[i]);
		snprintf(hk + 2 * i, 3, "%02x", k[i]);
	}
	char name[64];
	snprintf(name, sizeof(name), "qemu-%s", target);
	unit_magic_line(out, size, name, hm, hk);
}

static void done(struct table *t, struct lint_report *r)
{
	lint_report_free(r);
	table_free(t);
}

static void test_real_builtin_tables_have_no_real_header_finding(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	for (size_t i = 0; i < target_count; i++) {
		line_for(line, sizeof(line), targets[i].name, -1, 0, 0);
		unit_lint(&t, &r, line);
		assert_int_equal(unit_count(&r, LINT_REJECTS_OSABI), 0);
		assert_int_equal(unit_count(&r, LINT_REJECTS_ABIVERSION), 0);
		assert_int_equal(unit_count(&r, LINT_REJECTS_E_FLAGS), 0);
		done(&t, &r);
	}
}

static void test_real_mips_abiversion_pinned_to_zero(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* Guix and NixOS pin byte 8 to 0: 1, 3, 4 and 5 turned away. */
	line_for(line, sizeof(line), "mipsel", EI_ABIVERSION, 0, 0xff);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_ABIVERSION);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_non_null(strstr(f->message, "must be 0x00 under mask 0xff"));
	assert_non_null(strstr(f->message, "real mipsel binaries"));
	assert_non_null(strstr(f->message, "1 for non-PIC executables"));
	assert_non_null(strstr(f->message, "3 for o32 binaries of the FP64 float ABI"));
	assert_non_null(strstr(f->message, "4 for PIC objects"));
	assert_non_null(strstr(f->message, "5 for binaries linked with --hash-style=gnu"));
	done(&t, &r);

	/* mips64 has no FP64 o32 value: 1, 4 and 5 only. */
	line_for(line, sizeof(line), "mips64", EI_ABIVERSION, 0, 0xff);
	unit_lint(&t, &r, line);
	f = unit_only(&r, LINT_REJECTS_ABIVERSION);
	assert_non_null(f);
	assert_null(strstr(f->message, "; 3 for"));
	assert_non_null(strstr(f->message, "1 for"));
	done(&t, &r);
}

static void test_real_mips_abiversion_debian_bookworm_mask(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* Debian 12's qemu-user-binfmt: 0xfe takes 0 and 1, not 3, 4, 5. */
	line_for(line, sizeof(line), "mips", EI_ABIVERSION, 0, 0xfe);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_ABIVERSION);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "mask 0xfe"));
	assert_null(strstr(f->message, ": 1 for"));
	assert_non_null(strstr(f->message, "3 for"));
	assert_non_null(strstr(f->message, "5 for"));
	done(&t, &r);

	/* qemu since 2022: byte 8 ignored. */
	line_for(line, sizeof(line), "mips", EI_ABIVERSION, 0, 0x00);
	unit_lint(&t, &r, line);
	assert_int_equal(unit_count(&r, LINT_REJECTS_ABIVERSION), 0);
	done(&t, &r);
}

static void test_real_arm_osabi_pinned(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* 0..3 only (the old builtin's 0xfc): OABI's 97, FDPIC's 65. */
	line_for(line, sizeof(line), "arm", EI_OSABI, 0, 0xfc);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_OSABI);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_INFO);
	assert_non_null(strstr(f->message, "97 for old-ABI (OABI) binaries"));
	assert_non_null(strstr(f->message, "65 for FDPIC binaries"));
	assert_int_equal(unit_count(&r, LINT_REJECTS_GNU_OSABI), 0);
	done(&t, &r);

	/* Byte 7 ignored (qemu's own arm entry): nothing. */
	line_for(line, sizeof(line), "arm", EI_OSABI, 0, 0x00);
	unit_lint(&t, &r, line);
	assert_int_equal(unit_count(&r, LINT_REJECTS_OSABI), 0);
	done(&t, &r);
}

static void test_real_arm_e_flags_hard_float_only(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* Bit 0x400 of e_flags (EF_ARM_ABI_FLOAT_HARD, byte 37 of an LSB
	 * header) demanded: armel's soft-float default is turned away. */
	line_for(line, sizeof(line), "arm", 37, 0x04, 0x04);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_E_FLAGS);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_non_null(
	    strstr(f->message, "e_flags (bytes 36-39) must be 0x00000400 under mask 0x00000400"));
	assert_non_null(strstr(f->message, "0x05000200 for EABI5 soft-float binaries"));
	assert_non_null(strstr(f->message, "0x05000002 for Go binaries"));
	done(&t, &r);
}

static void test_real_sh4_e_flags_in_big_endian_order(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* sh4eb (MSB): e_flags' low byte is byte 39; pinning it to 9 turns
	 * away the other SH variants, named by their words. */
	line_for(line, sizeof(line), "sh4eb", 39, 0x09, 0xff);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_E_FLAGS);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "must be 0x00000009 under mask 0x000000ff"));
	assert_non_null(strstr(f->message, "0x00000017 for static executables"));
	done(&t, &r);
}

static void test_real_hppa_osabi_zero_matches_no_hppa_binary(void **state)
{
	struct table t;
	struct lint_report r;
	char line[1024];
	(void)state;

	/* Every hppa file has OSABI 3: an entry demanding 0 runs none. */
	line_for(line, sizeof(line), "hppa", EI_OSABI, 0, 0xff);
	unit_lint(&t, &r, line);
	const struct lint_finding *f = unit_only(&r, LINT_WRONG_TARGET);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "matches no hppa binary"));
	done(&t, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_builtin_tables_have_no_real_header_finding),
	    cmocka_unit_test(test_real_mips_abiversion_pinned_to_zero),
	    cmocka_unit_test(test_real_mips_abiversion_debian_bookworm_mask),
	    cmocka_unit_test(test_real_arm_osabi_pinned),
	    cmocka_unit_test(test_real_arm_e_flags_hard_float_only),
	    cmocka_unit_test(test_real_sh4_e_flags_in_big_endian_order),
	    cmocka_unit_test(test_real_hppa_osabi_zero_matches_no_hppa_binary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
