/* SPDX-License-Identifier: MIT */
/* entry_status_parse(): the kernel's per-entry status file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "entry.h"

static struct binfmt_entry e;
static int bad_line;

static int status(const char *text)
{
	return entry_status_parse("qemu-arm", text, strlen(text), &e, &bad_line);
}

static void test_entry_status_parse_magic_entry(void **state)
{
	(void)state;
	assert_int_equal(status("enabled\ninterpreter /usr/bin/qemu-arm\nflags: POCF\n"
				"offset 0\nmagic 7f454c46\nmask ffffff00\n"),
			 0);
	assert_string_equal(e.name, "qemu-arm");
	assert_true(e.enabled);
	assert_string_equal(e.interpreter, "/usr/bin/qemu-arm");
	assert_int_equal(e.flags, ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_OPEN_BINARY |
				      ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_FIX_BINARY);
	assert_int_equal(e.type, ENTRY_MAGIC);
	assert_int_equal(e.size, 4);
	assert_memory_equal(e.magic,
			    "\x7f"
			    "ELF",
			    4);
	assert_true(e.has_mask);
	assert_memory_equal(e.mask, "\xff\xff\xff\x00", 4);
}

static void test_entry_status_parse_without_mask_or_flags(void **state)
{
	(void)state;
	assert_int_equal(status("disabled\ninterpreter /a b\nflags: \noffset 12\nmagic 00\n"), 0);
	assert_false(e.enabled);
	assert_string_equal(e.interpreter, "/a b");
	assert_int_equal(e.flags, 0);
	assert_int_equal(e.offset, 12);
	assert_false(e.has_mask);
}

static void test_entry_status_parse_extension_entry(void **state)
{
	(void)state;
	assert_int_equal(status("enabled\ninterpreter /usr/bin/wine\nflags: \nextension .exe\n"),
			 0);
	assert_int_equal(e.type, ENTRY_EXTENSION);
	assert_string_equal(e.extension, "exe");
}

static void test_entry_status_parse_reports_bad_line(void **state)
{
	(void)state;
	assert_int_equal(status("enabled\ninterpreter /x\nflags: Q\noffset 0\nmagic 00\n"), -1);
	assert_int_equal(bad_line, 3);
	assert_int_equal(status("on\n"), -1);
	assert_int_equal(bad_line, 1);
	assert_int_equal(status("enabled\ninterpreter /x\nflags: \noffset 0\nmagic 0g\n"), -1);
	assert_int_equal(bad_line, 5);
	assert_int_equal(
	    status("enabled\ninterpreter /x\nflags: \noffset 0\nmagic 00\nmask ffff\n"), -1);
	assert_int_equal(bad_line, 6);
	assert_int_equal(status("enabled\ninterpreter /x\nflags: \noffset 255\nmagic 0000\n"), -1);
	assert_int_equal(bad_line, 5);
	assert_int_equal(status("enabled\ninterpreter /x\nflags: \nextension .e\nextra\n"), -1);
	assert_int_equal(bad_line, 5);
	assert_int_equal(status(""), -1);
}

static void test_entry_status_parse_matches_register_string(void **state)
{
	struct binfmt_entry reg;
	static const char s[] = ":qemu-arm:M:3:\\x01\\x02:\\xff\\x0f:/usr/bin/qemu-arm:CF";
	(void)state;
	assert_int_equal(entry_parse(s, sizeof(s) - 1, &reg, NULL, NULL), 0);
	assert_int_equal(status("enabled\ninterpreter /usr/bin/qemu-arm\nflags: OCF\noffset 3\n"
				"magic 0102\nmask ff0f\n"),
			 0);
	assert_true(entry_same_rule(&reg, &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_status_parse_magic_entry),
	    cmocka_unit_test(test_entry_status_parse_without_mask_or_flags),
	    cmocka_unit_test(test_entry_status_parse_extension_entry),
	    cmocka_unit_test(test_entry_status_parse_reports_bad_line),
	    cmocka_unit_test(test_entry_status_parse_matches_register_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
