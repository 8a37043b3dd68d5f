/* SPDX-License-Identifier: MIT */
/* entry_parse(): create_entry()'s rules, one behaviour per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "entry.h"

static struct binfmt_entry e;
static struct entry_error err;
static unsigned warnings;

static int parse_len(const char *s, size_t len)
{
	return entry_parse(s, len, &e, &err, &warnings);
}

static int parse(const char *s)
{
	return parse_len(s, strlen(s));
}

static void expect_error(const char *s, enum entry_field field, enum entry_problem problem)
{
	assert_int_equal(parse(s), -1);
	assert_int_equal(err.field, field);
	assert_int_equal(err.problem, problem);
}

static void test_entry_parse_accepts_qemu_style_entry(void **state)
{
	(void)state;
	assert_int_equal(
	    parse(
		":qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01:\\xff\\xff\\xff\\xff\\xff\\xff\\xff:/usr/bin/qemu-aarch64:PF"),
	    0);
	assert_string_equal(e.name, "qemu-aarch64");
	assert_int_equal(e.type, ENTRY_MAGIC);
	assert_int_equal(e.offset, 0);
	assert_int_equal(e.size, 7);
	assert_memory_equal(e.magic,
			    "\x7f"
			    "ELF\x02\x01\x01",
			    7);
	assert_true(e.has_mask);
	assert_memory_equal(e.mask, "\xff\xff\xff\xff\xff\xff\xff", 7);
	assert_string_equal(e.interpreter, "/usr/bin/qemu-aarch64");
	assert_int_equal(e.flags, ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY);
	assert_true(e.enabled);
}

static void test_entry_parse_any_delimiter(void **state)
{
	(void)state;
	assert_int_equal(parse("|n|M|2|ab||/bin/x|"), 0);
	assert_string_equal(e.name, "n");
	assert_int_equal(e.offset, 2);
	assert_int_equal(e.size, 2);
	assert_false(e.has_mask);
}

static void test_entry_parse_extension_entry_skips_offset_and_mask(void **state)
{
	(void)state;
	/* The kernel never reads offset or mask of an E entry. */
	assert_int_equal(parse(":py:E:junk:py:more junk:/usr/bin/python3:"), 0);
	assert_int_equal(e.type, ENTRY_EXTENSION);
	assert_string_equal(e.extension, "py");
}

static void test_entry_parse_rejects_slash_in_extension(void **state)
{
	(void)state;
	expect_error(":py:E::a/b::/usr/bin/python3:", FIELD_EXTENSION, PROBLEM_SLASH);
}

static void test_entry_parse_rejects_bad_names(void **state)
{
	(void)state;
	expect_error("::M::ab::/bin/x:", FIELD_NAME, PROBLEM_EMPTY);
	expect_error(":.:M::ab::/bin/x:", FIELD_NAME, PROBLEM_RESERVED_NAME);
	expect_error(":..:M::ab::/bin/x:", FIELD_NAME, PROBLEM_RESERVED_NAME);
	expect_error(":a/b:M::ab::/bin/x:", FIELD_NAME, PROBLEM_SLASH);
}

static void test_entry_parse_rejects_name_over_name_max(void **state)
{
	char s[400];
	(void)state;
	memset(s, 'n', sizeof(s));
	s[0] = ':';
	memcpy(s + 257, ":M::ab::/x:", 11);
	assert_int_equal(parse_len(s, 268), -1);
	assert_int_equal(err.field, FIELD_NAME);
	assert_int_equal(err.problem, PROBLEM_NAME_TOO_LONG);
	/* 255 bytes is still fine. */
	memcpy(s + 256, ":M::ab::/x:", 11);
	assert_int_equal(parse_len(s, 267), 0);
}

static void test_entry_parse_rejects_bad_type(void **state)
{
	(void)state;
	expect_error(":n:X::ab::/bin/x:", FIELD_TYPE, PROBLEM_BAD_TYPE);
	expect_error(":n:MM::ab::/bin/x:", FIELD_TYPE, PROBLEM_BAD_TYPE);
	expect_error(":n:::ab::/bin/xx:", FIELD_TYPE, PROBLEM_BAD_TYPE);
}

static void test_entry_parse_offset_follows_kstrtoint(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M:+5:ab::/bin/x:"), 0);
	assert_int_equal(e.offset, 5);
	assert_int_equal(parse(":n:M:007:ab::/bin/x:"), 0);
	assert_int_equal(e.offset, 7);
	/* kstrtoint takes "-0" and a trailing newline. */
	assert_int_equal(parse(":n:M:-0:ab::/bin/x:"), 0);
	assert_int_equal(parse(":n:M:3\n:ab::/bin/x:"), 0);
	assert_int_equal(e.offset, 3);
	expect_error(":n:M:-1:ab::/bin/x:", FIELD_OFFSET, PROBLEM_BAD_OFFSET);
	expect_error(":n:M:0x10:ab::/bin/x:", FIELD_OFFSET, PROBLEM_BAD_OFFSET);
	expect_error(":n:M: 1:ab::/bin/x:", FIELD_OFFSET, PROBLEM_BAD_OFFSET);
	expect_error(":n:M:99999999999:ab::/bin/x:", FIELD_OFFSET, PROBLEM_BAD_OFFSET);
}

static void test_entry_parse_decodes_hex_escapes(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M::\\x00\\xFFa\\x3a::/bin/x:"), 0);
	assert_int_equal(e.size, 4);
	assert_memory_equal(e.magic,
			    "\x00\xff"
			    "a:",
			    4);
}

static void test_entry_parse_keeps_other_backslashes(void **state)
{
	(void)state;
	/* Only \x is an escape; "\\" and "\n" stay two bytes each. */
	assert_int_equal(parse(":n:M::a\\\\b\\n::/bin/x:"), 0);
	assert_int_equal(e.size, 6);
	assert_memory_equal(e.magic, "a\\\\b\\n", 6);
}

static void test_entry_parse_rejects_short_hex_escape(void **state)
{
	(void)state;
	expect_error(":n:M::\\x4::/bin/x:", FIELD_MAGIC, PROBLEM_BAD_ESCAPE);
	expect_error(":n:M::ab:\\xg0:/bin/x:", FIELD_MASK, PROBLEM_BAD_ESCAPE);
}

static void test_entry_parse_rejects_nul_in_magic(void **state)
{
	static const char s[] = ":n:M::\x7f"
				"E\0F::/bin/x:";
	(void)state;
	/* The kernel would keep "\x7fE" only and match far too much. */
	assert_int_equal(parse_len(s, sizeof(s) - 1), -1);
	assert_int_equal(err.field, FIELD_MAGIC);
	assert_int_equal(err.problem, PROBLEM_NUL);
	assert_int_equal(err.position, 8);
	/* ...which is what the kernel's own reading gives. */
	assert_int_equal(entry_parse_as_kernel(s, sizeof(s) - 1, &e, &err, NULL), 0);
	assert_int_equal(e.size, 2);
}

static void test_entry_parse_rejects_nul_in_mask(void **state)
{
	static const char s[] = ":n:M::ab:\0\xff:/bin/x:";
	(void)state;
	assert_int_equal(parse_len(s, sizeof(s) - 1), -1);
	assert_int_equal(err.field, FIELD_MASK);
	assert_int_equal(err.problem, PROBLEM_NUL);
	/* The kernel reads a mask starting with NUL as no mask at all. */
	assert_int_equal(entry_parse_as_kernel(s, sizeof(s) - 1, &e, &err, NULL), 0);
	assert_false(e.has_mask);
}

static void test_entry_parse_rejects_nul_elsewhere(void **state)
{
	static const char s[] = ":n:M::ab::/bin/\0x:";
	(void)state;
	assert_int_equal(parse_len(s, sizeof(s) - 1), -1);
	assert_int_equal(err.field, FIELD_INTERPRETER);
	assert_int_equal(err.problem, PROBLEM_NUL);
	assert_int_equal(entry_parse_as_kernel(s, sizeof(s) - 1, &e, &err, NULL), -1);
}

static void test_entry_parse_rejects_mask_length_mismatch(void **state)
{
	(void)state;
	expect_error(":n:M::abc:\\xff\\xff:/bin/x:", FIELD_MASK, PROBLEM_MASK_LENGTH);
}

static void test_entry_parse_rejects_magic_beyond_header(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M:254:ab::/bin/x:"), 0);
	assert_true(warnings & WARN_BEYOND_OLD_HEADER);
	expect_error(":n:M:255:ab::/bin/x:", FIELD_MAGIC, PROBLEM_BEYOND_HEADER);
}

static void test_entry_parse_warns_past_old_header(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M:126:ab::/bin/x:"), 0);
	assert_false(warnings & WARN_BEYOND_OLD_HEADER);
	assert_int_equal(parse(":n:M:127:ab::/bin/x:"), 0);
	assert_true(warnings & WARN_BEYOND_OLD_HEADER);
}

static void test_entry_parse_warns_magic_bits_under_zero_mask(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M::\\xff:\\x0f:/bin/x:"), 0);
	assert_true(warnings & WARN_MAGIC_BITS_MASKED);
}

static void test_entry_parse_masked_bits_counted_from_the_first(void **state)
{
	size_t first = 99;
	(void)state;
	assert_int_equal(parse(":n:M:4:\\x00\\xf0\\x01\\x02:\\xff\\x0f\\x00\\xff:/bin/x:"), 0);
	assert_int_equal(entry_masked_bits(&e, &first), 2);
	assert_int_equal(first, 1);
	assert_int_equal(entry_masked_bits(&e, NULL), 2);
	/* No mask: every byte counts, nothing is masked away. */
	assert_int_equal(parse(":n:M::\\xff::/bin/x:"), 0);
	assert_int_equal(entry_masked_bits(&e, &first), 0);
	assert_false(warnings & WARN_MAGIC_BITS_MASKED);
	assert_int_equal(parse(":n:E::zz::/bin/x:"), 0);
	assert_int_equal(entry_masked_bits(&e, &first), 0);
}

static void test_entry_parse_flags(void **state)
{
	(void)state;
	assert_int_equal(parse(":n:M::ab::/bin/x:C"), 0);
	assert_int_equal(e.flags, ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY);
	assert_int_equal(parse(":n:M::ab::/bin/x:FPPO\n"), 0);
	assert_int_equal(e.flags, ENTRY_FLAG_FIX_BINARY | ENTRY_FLAG_PRESERVE_ARGV0 |
				      ENTRY_FLAG_OPEN_BINARY);
	expect_error(":n:M::ab::/bin/x:p", FIELD_FLAGS, PROBLEM_BAD_FLAGS);
	expect_error(":n:M::ab::/bin/x:P\n\n", FIELD_FLAGS, PROBLEM_BAD_FLAGS);
	/* The one newline allowed is the last byte: "echo" output. */
	expect_error(":n:M::ab::/bin/x:\nP", FIELD_FLAGS, PROBLEM_BAD_FLAGS);
}

static void test_entry_parse_rejects_missing_final_delimiter(void **state)
{
	(void)state;
	expect_error(":n:M::ab::/bin/x", FIELD_FLAGS, PROBLEM_MISSING_FIELD);
	expect_error(":n:M::ab::/bin/x\n", FIELD_FLAGS, PROBLEM_MISSING_FIELD);
	expect_error(":n:M::abcdefgh", FIELD_MASK, PROBLEM_MISSING_FIELD);
}

static void test_entry_parse_names_raw_delimiter_in_magic(void **state)
{
	(void)state;
	expect_error(":n:M::a:b:c:/bin/x:", FIELD_FLAGS, PROBLEM_EXTRA_FIELD);
}

static void test_entry_parse_rejects_empty_fields(void **state)
{
	(void)state;
	expect_error(":n:M::::/bin/x:", FIELD_MAGIC, PROBLEM_EMPTY);
	expect_error(":n:M::ab:::P", FIELD_INTERPRETER, PROBLEM_EMPTY);
	expect_error(":n:E::::/bin/x:", FIELD_EXTENSION, PROBLEM_EMPTY);
}

static void test_entry_parse_length_limits(void **state)
{
	char s[BINFMT_REGISTER_MAX + 2];
	(void)state;
	expect_error(":n:M::a:", FIELD_WHOLE, PROBLEM_TOO_SHORT);
	memset(s, 'i', sizeof(s));
	memcpy(s, ":n:M::ab::/", 11);
	s[BINFMT_REGISTER_MAX - 1] = ':';
	assert_int_equal(parse_len(s, BINFMT_REGISTER_MAX), 0);
	s[BINFMT_REGISTER_MAX - 1] = 'i';
	s[BINFMT_REGISTER_MAX] = ':';
	assert_int_equal(parse_len(s, BINFMT_REGISTER_MAX + 1), -1);
	assert_int_equal(err.problem, PROBLEM_TOO_LONG);
}

static void test_entry_parse_nul_delimiter_works(void **state)
{
	static const char s[] = "\0n\0M\0\0ab\0\0/bin/x\0P";
	(void)state;
	/* strchr(p, '\0') finds the delimiter: the kernel takes this. */
	assert_int_equal(parse_len(s, sizeof(s) - 1), 0);
	assert_string_equal(e.interpreter, "/bin/x");
	assert_int_equal(e.flags, ENTRY_FLAG_PRESERVE_ARGV0);
}

static void test_entry_parse_flag_letter_delimiter_never_works(void **state)
{
	(void)state;
	/* The padding after the string is read as more flags. */
	expect_error("PnPMPPabPP/bin/xP", FIELD_WHOLE, PROBLEM_BAD_DELIMITER);
	expect_error("FnFMFFabFF/bin/xF\n", FIELD_WHOLE, PROBLEM_BAD_DELIMITER);
	/* A newline delimiter reads its own padding as the optional newline. */
	expect_error("\nn\nM\n\nab\n\n/bin/x\nP", FIELD_FLAGS, PROBLEM_BAD_FLAGS);
	assert_int_equal(parse("\nn\nM\n\nab\n\n/bin/x\n\n"), 0);
}

static void test_entry_parse_error_texts(void **state)
{
	(void)state;
	assert_string_equal(entry_field_name(FIELD_MAGIC), "magic");
	assert_non_null(strstr(entry_problem_text(PROBLEM_NUL), "\\x00"));
	assert_non_null(strstr(entry_warning_text(WARN_BEYOND_OLD_HEADER), "128"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_parse_accepts_qemu_style_entry),
	    cmocka_unit_test(test_entry_parse_any_delimiter),
	    cmocka_unit_test(test_entry_parse_extension_entry_skips_offset_and_mask),
	    cmocka_unit_test(test_entry_parse_rejects_slash_in_extension),
	    cmocka_unit_test(test_entry_parse_rejects_bad_names),
	    cmocka_unit_test(test_entry_parse_rejects_name_over_name_max),
	    cmocka_unit_test(test_entry_parse_rejects_bad_type),
	    cmocka_unit_test(test_entry_parse_offset_follows_kstrtoint),
	    cmocka_unit_test(test_entry_parse_decodes_hex_escapes),
	    cmocka_unit_test(test_entry_parse_keeps_other_backslashes),
	    cmocka_unit_test(test_entry_parse_rejects_short_hex_escape),
	    cmocka_unit_test(test_entry_parse_rejects_nul_in_magic),
	    cmocka_unit_test(test_entry_parse_rejects_nul_in_mask),
	    cmocka_unit_test(test_entry_parse_rejects_nul_elsewhere),
	    cmocka_unit_test(test_entry_parse_rejects_mask_length_mismatch),
	    cmocka_unit_test(test_entry_parse_rejects_magic_beyond_header),
	    cmocka_unit_test(test_entry_parse_warns_past_old_header),
	    cmocka_unit_test(test_entry_parse_warns_magic_bits_under_zero_mask),
	    cmocka_unit_test(test_entry_parse_masked_bits_counted_from_the_first),
	    cmocka_unit_test(test_entry_parse_flags),
	    cmocka_unit_test(test_entry_parse_rejects_missing_final_delimiter),
	    cmocka_unit_test(test_entry_parse_names_raw_delimiter_in_magic),
	    cmocka_unit_test(test_entry_parse_rejects_empty_fields),
	    cmocka_unit_test(test_entry_parse_length_limits),
	    cmocka_unit_test(test_entry_parse_nul_delimiter_works),
	    cmocka_unit_test(test_entry_parse_flag_letter_delimiter_never_works),
	    cmocka_unit_test(test_entry_parse_error_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
