/* SPDX-License-Identifier: MIT */
/* entry_match() and entry_pick(): check_file() and its list order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "entry-overlap.h"
#include "entry.h"

static struct binfmt_entry make(const char *s)
{
	struct binfmt_entry e;
	assert_int_equal(entry_parse(s, strlen(s), &e, NULL, NULL), 0);
	return e;
}

static void test_entry_match_applies_mask_to_difference(void **state)
{
	struct binfmt_entry e = make(":n:M:1:\\x40\\x02:\\xf0\\xff:/x:");
	const unsigned char yes[] = {0, 0x4f, 0x02};
	const unsigned char no[] = {0, 0x3f, 0x02};
	(void)state;
	assert_true(entry_match(&e, yes, sizeof(yes), "f"));
	assert_false(entry_match(&e, no, sizeof(no), "f"));
}

static void test_entry_match_ignores_magic_bits_under_zero_mask(void **state)
{
	/* (byte ^ magic) & mask: a magic bit under a 0 mask bit is ignored. */
	struct binfmt_entry e = make(":n:M::\\xff:\\x0f:/x:");
	const unsigned char head[] = {0x0f};
	(void)state;
	assert_true(entry_match(&e, head, 1, "f"));
}

static void test_entry_match_short_file_reads_zeros(void **state)
{
	struct binfmt_entry e = make(":n:M::ab\\x00\\x00::/x:");
	(void)state;
	assert_true(entry_match(&e, (const unsigned char *)"ab", 2, "f"));
	assert_false(entry_match(&e, (const unsigned char *)"a", 1, "f"));
}

static void test_entry_match_extension_uses_last_dot_of_path(void **state)
{
	struct binfmt_entry e = make(":n:E::exe::/x:");
	(void)state;
	assert_true(entry_match(&e, NULL, 0, "dir/prog.exe"));
	assert_true(entry_match(&e, NULL, 0, "a.b.exe"));
	assert_false(entry_match(&e, NULL, 0, "prog.exe.bak"));
	assert_false(entry_match(&e, NULL, 0, "prog"));
	assert_false(entry_match(&e, NULL, 0, "x.exe/prog"));
}

static void test_entry_match_disabled_never_matches(void **state)
{
	struct binfmt_entry e = make(":n:E::exe::/x:");
	(void)state;
	e.enabled = false;
	assert_false(entry_match(&e, NULL, 0, "a.exe"));
}

static void test_entry_pick_prefers_newest(void **state)
{
	struct binfmt_entry list[3];
	(void)state;
	list[0] = make(":old:M::ab::/x:");
	list[1] = make(":other:M::zz::/x:");
	list[2] = make(":new:M::a::/x:");
	assert_int_equal(entry_pick(list, 3, (const unsigned char *)"ab", 2, "f"), 2);
	list[2].enabled = false;
	assert_int_equal(entry_pick(list, 3, (const unsigned char *)"ab", 2, "f"), 0);
	assert_int_equal(entry_pick(list, 3, (const unsigned char *)"q", 1, "f"), -1);
}

static void test_entry_overlap_decides_from_masks(void **state)
{
	struct binfmt_entry a = make(":a:M::\\x10\\x20:\\xf0\\xff:/x:");
	struct binfmt_entry b = make(":b:M:1:\\x20\\x01:\\xff\\x01:/x:");
	struct binfmt_entry c = make(":c:M::\\x11:\\x0f:/x:");
	struct binfmt_entry ext = make(":e:E::a::/x:");
	(void)state;
	assert_true(entry_overlap(&a, &b));
	/* a wants the high nibble 1, c the low nibble 1: both fit 0x11. */
	assert_true(entry_overlap(&a, &c));
	b = make(":b:M:1:\\x21::/x:");
	assert_false(entry_overlap(&a, &b));
	assert_true(entry_overlap(&a, &ext));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_match_applies_mask_to_difference),
	    cmocka_unit_test(test_entry_match_ignores_magic_bits_under_zero_mask),
	    cmocka_unit_test(test_entry_match_short_file_reads_zeros),
	    cmocka_unit_test(test_entry_match_extension_uses_last_dot_of_path),
	    cmocka_unit_test(test_entry_match_disabled_never_matches),
	    cmocka_unit_test(test_entry_pick_prefers_newest),
	    cmocka_unit_test(test_entry_overlap_decides_from_masks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
