/* SPDX-License-Identifier: MIT */
/* lint, pairs: overlap decided from masks and magics, the bytes named,
 * and an entry that a later one leaves nothing to match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "entry-overlap.h"
#include "unit-lint.h"

static void done(struct table *t, struct lint_report *r)
{
	lint_report_free(r);
	table_free(t);
}

static void test_lint_identical_rules_shadow_the_older(void **state)
{
	char text[2048], line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(text, sizeof(text), "qemu-arm", "7f454c4601010100", "ffffffffffffff00");
	unit_magic_line(line, sizeof(line), "qemu-armhf", "7f454c4601010100", "ffffffffffffff00");
	strcat(text, line);
	unit_lint(&t, &r, text);
	const struct lint_finding *f = unit_only(&r, LINT_SHADOWED);
	assert_non_null(f);
	assert_int_equal(f->entry, 1);
	assert_int_equal(f->other, 0);
	assert_int_equal(f->line, 2);
	assert_string_equal(
	    f->message,
	    "qemu-arm (t:1) is never picked: this entry, registered later, matches every file it matches (both constrain bytes 0-6 and agree there)");
	assert_int_equal(unit_count(&r, LINT_OVERLAP), 0);
	done(&t, &r);
}

static void test_lint_partial_overlap_names_bytes_and_example(void **state)
{
	/* Both pin byte 0 to 'M'; on byte 1 they pin different bits (low
	 * nibble 0xa, high nibble 0x4), so 0x4a satisfies both; neither
	 * covers the other. */
	char text[2048], line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(text, sizeof(text), "dos", "4d5a", "ff0f");
	unit_magic_line(line, sizeof(line), "pe", "4d4a5045", "fff0ffff");
	strcat(text, line);
	unit_lint(&t, &r, text);
	const struct lint_finding *f = unit_only(&r, LINT_OVERLAP);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_int_equal(f->entry, 1);
	assert_string_equal(
	    f->message,
	    "some files match both this entry and dos (t:1): they agree on every bit both constrain (byte 0); the kernel picks this one, registered later");
	/* The example: every bit either pins, as it pins it. */
	assert_int_equal(f->example_len, 4);
	assert_memory_equal(f->example, "\x4d\x4a\x50\x45", 4);
	assert_true(entry_match(&t.items[0].entry, f->example, 4, "x"));
	assert_true(entry_match(&t.items[1].entry, f->example, 4, "x"));
	done(&t, &r);
}

static void test_lint_newer_subset_is_overlap_not_shadow(void **state)
{
	/* The newer rule is narrower: the older still gets the other files. */
	char text[2048], line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(text, sizeof(text), "wide", "7f454c46", "ffffffff");
	unit_magic_line(line, sizeof(line), "narrow", "7f454c4602", "ffffffffff");
	strcat(text, line);
	unit_lint(&t, &r, text);
	assert_int_equal(unit_count(&r, LINT_OVERLAP), 1);
	assert_int_equal(unit_count(&r, LINT_SHADOWED), 0);
	done(&t, &r);
	/* The other way round the narrow one is never picked. */
	unit_magic_line(text, sizeof(text), "narrow", "7f454c4602", "ffffffffff");
	unit_magic_line(line, sizeof(line), "wide", "7f454c46", "ffffffff");
	strcat(text, line);
	unit_lint(&t, &r, text);
	assert_int_equal(unit_count(&r, LINT_SHADOWED), 1);
	done(&t, &r);
}

static void test_lint_endianness_keeps_arm_and_armeb_apart(void **state)
{
	char text[2048], line[1024];
	struct table t;
	struct lint_report r;
	(void)state;
	unit_magic_line(text, sizeof(text), "qemu-arm", "7f454c4601010100000000000000000002002800",
			"ffffffffffffff00fffffffffffffffffeffffff");
	unit_magic_line(line, sizeof(line), "qemu-armeb",
			"7f454c4601020100000000000000000000020028",
			"ffffffffffffff00fffffffffffffffffffeffff");
	strcat(text, line);
	unit_lint(&t, &r, text);
	assert_int_equal(unit_count(&r, LINT_OVERLAP) + unit_count(&r, LINT_SHADOWED), 0);
	done(&t, &r);
}

static void test_lint_extension_pairs(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	/* Same extension: the later one always wins.  Magic against
	 * extension: not reported (any *.EXT file can hold any bytes). */
	unit_lint(&t, &r, ":a:E::jar::/i:\n:m:M::PK::/i:\n:b:E::jar::/j:\n");
	const struct lint_finding *f = unit_only(&r, LINT_SHADOWED);
	assert_non_null(f);
	assert_int_equal(f->entry, 2);
	assert_int_equal(f->other, 0);
	assert_int_equal(f->example_len, 0);
	assert_int_equal(r.count, 1);
	done(&t, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lint_identical_rules_shadow_the_older),
	    cmocka_unit_test(test_lint_partial_overlap_names_bytes_and_example),
	    cmocka_unit_test(test_lint_newer_subset_is_overlap_not_shadow),
	    cmocka_unit_test(test_lint_endianness_keeps_arm_and_armeb_apart),
	    cmocka_unit_test(test_lint_extension_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
