/* SPDX-License-Identifier: MIT */
/* Register-string files and binfmt.d folders: systemd-binfmt's line rules,
 * the kernel's refusals as problems with their line, and load order. */
#include "unit-files.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "table.h"

static void parse(struct table *t, const char *text)
{
	table_init(t);
	table_parse_register(t, "t.conf", text, strlen(text));
}

static void test_table_register_skips_comments_and_blank_lines(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "# comment\n; also a comment\n\n   \t\n:a:E::x::/bin/a:\n  # indented comment\n");
	assert_int_equal(t.count, 1);
	assert_int_equal(t.problem_count, 0);
	assert_string_equal(t.items[0].entry.name, "a");
	assert_int_equal(t.items[0].line, 5);
	assert_string_equal(t.items[0].source, "t.conf");
	table_free(&t);
}

static void test_table_register_strips_surrounding_whitespace(void **state)
{
	/* systemd-binfmt strips the line, \r included, before writing it. */
	struct table t;
	(void)state;
	parse(&t, "  :a:E::x::/bin/a:PF \r\n");
	assert_int_equal(t.count, 1);
	assert_int_equal(t.items[0].entry.flags, ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY);
	table_free(&t);
}

static void test_table_register_keeps_line_order(void **state)
{
	struct table t;
	(void)state;
	parse(&t, ":first:E::a::/i:\n:second:E::b::/i:\n:third:E::c::/i:");
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].entry.name, "first");
	assert_string_equal(t.items[2].entry.name, "third");
	assert_int_equal(t.items[2].line, 3);
	table_free(&t);
}

static void test_table_register_bad_line_is_problem_and_rest_loads(void **state)
{
	struct table t;
	(void)state;
	parse(&t, ":ok1:E::a::/i:\n:bad:M::\\x7f\\xZZ::/i:\n:ok2:E::b::/i:\n");
	assert_int_equal(t.count, 2);
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].source, "t.conf");
	assert_int_equal(t.problems[0].line, 2);
	assert_string_equal(
	    t.problems[0].message,
	    "magic: \\x must be followed by two hex digits: \":bad:M::\\\\x7f\\\\xZZ::/i:\"");
	table_free(&t);
}

static void test_table_register_quotes_near_the_failing_byte(void **state)
{
	/* A long line is quoted from a little before the failing byte. */
	struct table t;
	(void)state;
	parse(&t, ":long-name-of-an-entry:M::\\x7f\\x45\\x4c\\x46\\x02\\x01:\\xff:/i:");
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(
	    t.problems[0].message,
	    "mask: must be as long as the magic: ...\"\\\\x7f\\\\x45\\\\x4c\\\\x46\\\\x02\\\\x01:\\\\xff:/i:\"");
	table_free(&t);
}

static void test_table_register_quotes_control_bytes(void **state)
{
	struct table t;
	const char text[] = ":n:M::ab\x01:\x02\x03:/i:";
	(void)state;
	parse(&t, text);
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].message,
			    "mask: must be as long as the magic: \":n:M::ab\\x01:\\x02\\x03:/i:\"");
	table_free(&t);
}

static void test_table_register_refuses_a_name_twice(void **state)
{
	/* bm_register_write(): the second registration fails with EEXIST. */
	struct table t;
	(void)state;
	parse(&t, ":dup:E::a::/i:\n:dup:E::b::/i:\n");
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.extension, "a");
	assert_int_equal(t.problem_count, 1);
	assert_int_equal(t.problems[0].line, 2);
	assert_string_equal(t.problems[0].message,
			    "name \"dup\" already registered by t.conf:1: the kernel refuses it");
	table_free(&t);
}

static void test_table_register_refuses_control_file_names(void **state)
{
	struct table t;
	(void)state;
	parse(&t, ":status:E::a::/i:\n:register:E::b::/i:\n");
	assert_int_equal(t.count, 0);
	assert_int_equal(t.problem_count, 2);
	assert_string_equal(
	    t.problems[0].message,
	    "name \"status\" is taken by the binfmt_misc control file: the kernel refuses it");
	table_free(&t);
}

static void test_table_register_nul_in_line_is_a_problem(void **state)
{
	struct table t;
	const char text[] = ":n:M::a\0b::/i:\n:ok:E::x::/i:";
	(void)state;
	table_init(&t);
	table_parse_register(&t, "t", text, sizeof(text) - 1);
	assert_int_equal(t.count, 1);
	assert_int_equal(t.problem_count, 1);
	assert_int_equal(t.problems[0].line, 1);
	assert_non_null(strstr(t.problems[0].message, "raw NUL byte"));
	table_free(&t);
}

/* Editors on Windows start files with one; systemd-binfmt writes it to
 * the kernel with the first line. */
static void test_table_register_names_a_byte_order_mark(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "\xef\xbb\xbf:a:E::x::/bin/a:\n:b:E::y::/bin/b:\n");
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.name, "b");
	assert_int_equal(t.problem_count, 1);
	assert_int_equal(t.problems[0].line, 1);
	assert_string_equal(
	    t.problems[0].message,
	    "starts with a UTF-8 byte order mark (\\xef\\xbb\\xbf), which systemd-binfmt writes to the kernel with the line: the kernel takes its first byte for the delimiter and refuses it; save the file without it");
	table_free(&t);
	/* Even before a comment: systemd-binfmt sees no '#' there. */
	parse(&t, "\xef\xbb\xbf# comment\n");
	assert_int_equal(t.problem_count, 1);
	table_free(&t);
}

static void test_table_register_guesses_targets(void **state)
{
	struct table t;
	(void)state;
	parse(&t, ":qemu-aarch64:E::a::/i:\n:x:E::b::/usr/libexec/qemu-binfmt/mips-binfmt-P:\n"
		  ":jar:E::jar::/usr/bin/jexec:\n");
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].target->name, "aarch64");
	assert_string_equal(t.items[1].target->name, "mips");
	assert_null(t.items[2].target);
	table_free(&t);
}

static void test_table_matches_newest_first(void **state)
{
	struct table t;
	size_t matches[4];
	(void)state;
	parse(&t, ":old:M::ab::/i:\n:other:M::zz::/i:\n:new:M::a::/i:\n");
	assert_int_equal(table_matches(&t, (const unsigned char *)"ab", 2, "f", matches, 4), 2);
	assert_int_equal(matches[0], 2);
	assert_int_equal(matches[1], 0);
	/* Only `max` indices are written, the count is still all of them. */
	assert_int_equal(table_matches(&t, (const unsigned char *)"ab", 2, "f", matches, 1), 2);
	t.switched_off = true;
	assert_int_equal(table_matches(&t, (const unsigned char *)"ab", 2, "f", matches, 4), 0);
	table_free(&t);
}

static void test_table_binfmt_d_folder_loads_conf_files_by_name(void **state)
{
	const char *dir = unit_tmpdir();
	struct table t;
	enum table_kind kind;
	(void)state;
	assert_non_null(dir);
	unit_write(dir, "20-b.conf", ":b:E::b::/i:\n");
	unit_write(dir, "10-a.conf", "# first\n:a:E::a::/i:\n");
	unit_write(dir, "05-skip.txt", ":skip:E::s::/i:\n");
	unit_write(dir, "30-c.conf", ":c:E::c::/i:\n:bad\n");
	/* systemd masks a file by linking it to /dev/null. */
	assert_int_equal(symlink("/dev/null", unit_path(dir, "15-masked.conf")), 0);
	assert_int_equal(mkdir(unit_path(dir, "25-folder.conf"), 0755), 0);

	assert_int_equal(table_detect(dir, &kind), 0);
	assert_int_equal(kind, TABLE_BINFMT_D);
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_AUTO), 0);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].entry.name, "a");
	assert_int_equal(t.items[0].line, 2);
	assert_string_equal(t.items[0].source, unit_path(dir, "10-a.conf"));
	assert_string_equal(t.items[1].entry.name, "b");
	assert_string_equal(t.items[2].entry.name, "c");
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].source, unit_path(dir, "30-c.conf"));
	assert_int_equal(t.problems[0].line, 2);
	table_free(&t);
	unit_remove_tree(dir);
}

static void test_table_register_file_and_errors(void **state)
{
	const char *dir = unit_tmpdir();
	char file[PATH_MAX];
	struct table t;
	enum table_kind kind;
	(void)state;
	snprintf(file, sizeof(file), "%s", unit_write(dir, "table", ":a:E::a::/i:\n"));
	assert_int_equal(table_detect(file, &kind), 0);
	assert_int_equal(kind, TABLE_REGISTER);
	table_init(&t);
	assert_int_equal(table_load(&t, file, TABLE_REGISTER), 0);
	assert_int_equal(t.count, 1);
	assert_int_equal(table_load(&t, unit_path(dir, "missing"), TABLE_AUTO), -ENOENT);
	assert_int_equal(table_load(&t, dir, TABLE_REGISTER), -EISDIR);
	assert_int_equal(table_load(&t, "/dev/null", TABLE_AUTO), -EINVAL);
	table_free(&t);
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_register_skips_comments_and_blank_lines),
	    cmocka_unit_test(test_table_register_strips_surrounding_whitespace),
	    cmocka_unit_test(test_table_register_keeps_line_order),
	    cmocka_unit_test(test_table_register_bad_line_is_problem_and_rest_loads),
	    cmocka_unit_test(test_table_register_quotes_near_the_failing_byte),
	    cmocka_unit_test(test_table_register_quotes_control_bytes),
	    cmocka_unit_test(test_table_register_refuses_a_name_twice),
	    cmocka_unit_test(test_table_register_refuses_control_file_names),
	    cmocka_unit_test(test_table_register_nul_in_line_is_a_problem),
	    cmocka_unit_test(test_table_register_names_a_byte_order_mark),
	    cmocka_unit_test(test_table_register_guesses_targets),
	    cmocka_unit_test(test_table_matches_newest_first),
	    cmocka_unit_test(test_table_binfmt_d_folder_loads_conf_files_by_name),
	    cmocka_unit_test(test_table_register_file_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
