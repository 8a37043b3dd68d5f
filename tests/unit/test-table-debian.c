/* SPDX-License-Identifier: MIT */
/* Debian binfmt-support format files, read as update-binfmts --import
 * reads them and registered as its act_enable() would. */
#include "unit-files.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"

/* /usr/share/binfmts/qemu-aarch64 of Debian 12's qemu-user-static. */
static const char qemu_aarch64[] =
    "package qemu-user-static\n"
    "interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
    "magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00\n"
    "offset 0\n"
    "mask \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff\n"
    "credentials no\n"
    "fix_binary yes\n"
    "preserve yes\n";

static void parse(struct table *t, const char *name, const char *text)
{
	table_init(t);
	table_parse_debian(t, "src", name, text, strlen(text));
}

static void test_table_debian_reads_qemu_format(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "qemu-aarch64", qemu_aarch64);
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 1);
	const struct binfmt_entry *e = &t.items[0].entry;
	assert_string_equal(e->name, "qemu-aarch64");
	assert_int_equal(e->type, ENTRY_MAGIC);
	assert_int_equal(e->size, 20);
	assert_memory_equal(e->magic,
			    "\x7f"
			    "ELF\x02\x01\x01",
			    7);
	assert_int_equal(e->mask[16], 0xfe);
	assert_string_equal(e->interpreter, "/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
	assert_int_equal(e->flags, ENTRY_FLAG_PRESERVE_ARGV0 | ENTRY_FLAG_FIX_BINARY);
	assert_int_equal(t.items[0].line, 3); /* the magic line */
	assert_string_equal(t.items[0].target->name, "aarch64");
	table_free(&t);
}

static void test_table_debian_extension_and_credentials(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "jar",
	      "package openjdk\ninterpreter /usr/bin/jexec\nextension jar\ncredentials yes\n");
	assert_int_equal(t.count, 1);
	assert_int_equal(t.items[0].entry.type, ENTRY_EXTENSION);
	assert_string_equal(t.items[0].entry.extension, "jar");
	assert_int_equal(t.items[0].entry.flags, ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY);
	table_free(&t);
}

static void test_table_debian_keys_are_case_blind_values_kept(void **state)
{
	/* get_import() lowercases the key, keeps the value after one space. */
	struct table t;
	(void)state;
	parse(&t, "x", "Package p\nINTERPRETER /bin/i\nMagic BC  \n");
	assert_int_equal(t.count, 1);
	assert_int_equal(t.items[0].entry.size, 2);
	assert_memory_equal(t.items[0].entry.magic, "BC", 2);
	table_free(&t);
}

static void test_table_debian_refusals(void **state)
{
	static const struct {
		const char *text, *message;
		int line;
	} cases[] = {
	    {"interpreter /i\nmagic a\n", "required 'package' line missing", 0},
	    {"package p\nmagic a\n", "required 'interpreter' line missing", 0},
	    {"package p\ninterpreter /i\n", "either magic or extension is required", 0},
	    {"package p\ninterpreter /i\nmagic a\nextension b\n",
	     "can't use both magic and extension", 4},
	    {"package p\ninterpreter /i\nextension b\nmask \\xff\n",
	     "can't use mask with extension", 4},
	    {"package p\ninterpreter /i\nextension b\noffset 2\n",
	     "can't use offset with extension", 4},
	    {"package p\ninterpreter /i\nmagic a\ndetector /d\nfix_binary yes\n",
	     "detector cannot be used with fix_binary yes", 4},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct table t;
		parse(&t, "n", cases[i].text);
		assert_int_equal(t.count, 0);
		assert_int_equal(t.problem_count, 1);
		assert_string_equal(t.problems[0].message, cases[i].message);
		assert_int_equal(t.problems[0].line, cases[i].line);
		table_free(&t);
	}
}

static void test_table_debian_reserved_names(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "status", "package p\ninterpreter /i\nmagic a\n");
	assert_int_equal(t.count, 0);
	assert_string_equal(t.problems[0].message, "format name \"status\" is reserved");
	table_free(&t);
}

static void test_table_debian_kernel_errors_blame_the_key_line(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "n", "package p\ninterpreter /i\noffset 0\nmagic \\x7f\\xZZ\n");
	assert_int_equal(t.count, 0);
	assert_int_equal(t.problem_count, 1);
	assert_int_equal(t.problems[0].line, 4);
	assert_string_equal(
	    t.problems[0].message,
	    "magic: \\x must be followed by two hex digits: \":n:M:0:\\\\x7f\\\\xZZ::/i:\"");
	table_free(&t);
}

static void test_table_debian_soft_problems_still_load(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "n",
	      "package p\ninterpreter /i\nmagic a\nmagic b\npreserve maybe\nfix-binary yes\n");
	assert_int_equal(t.count, 1);
	assert_memory_equal(t.items[0].entry.magic, "a", 1); /* the first magic */
	assert_int_equal(t.items[0].entry.flags, 0);
	assert_int_equal(t.problem_count, 3);
	assert_string_equal(t.problems[0].message,
			    "magic repeated: update-binfmts keeps the first, line 3");
	assert_int_equal(t.problems[0].line, 4);
	assert_string_equal(t.problems[1].message,
			    "unknown key \"fix-binary\": update-binfmts ignores it");
	assert_string_equal(t.problems[2].message,
			    "preserve: expected yes or no, not \"maybe\" (taken as no)");
	table_free(&t);
}

static void test_table_debian_detector_runs_run_detectors(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "n", "package p\ninterpreter /i\nmagic a\ndetector /usr/bin/detect\n");
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.interpreter, TABLE_DEBIAN_RUN_DETECTORS);
	table_free(&t);
}

static void test_table_debian_folder_by_name_and_shared_magic(void **state)
{
	const char *dir = unit_tmpdir();
	struct table t;
	enum table_kind kind;
	(void)state;
	unit_write(dir, "zz", "package p\ninterpreter /z\nmagic MZ\n");
	unit_write(dir, "aa", "package p\ninterpreter /a\nmagic MZ\n");
	unit_write(dir, "mm", "package p\ninterpreter /m\nextension m\n");
	assert_int_equal(table_detect(dir, &kind), 0);
	assert_int_equal(kind, TABLE_DEBIAN);
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_AUTO), 0);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.items[0].entry.name, "aa");
	assert_string_equal(t.items[1].entry.name, "mm");
	assert_string_equal(t.items[2].entry.name, "zz");
	/* act_enable(): formats sharing a magic go through run-detectors. */
	assert_string_equal(t.items[0].entry.interpreter, TABLE_DEBIAN_RUN_DETECTORS);
	assert_string_equal(t.items[1].entry.interpreter, "/m");
	assert_string_equal(t.items[2].entry.interpreter, TABLE_DEBIAN_RUN_DETECTORS);
	assert_string_equal(t.items[2].source, unit_path(dir, "zz"));
	/* One format file on its own: named after the file. */
	table_free(&t);
	table_init(&t);
	assert_int_equal(table_load(&t, unit_path(dir, "mm"), TABLE_DEBIAN), 0);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.name, "mm");
	table_free(&t);
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_debian_reads_qemu_format),
	    cmocka_unit_test(test_table_debian_extension_and_credentials),
	    cmocka_unit_test(test_table_debian_keys_are_case_blind_values_kept),
	    cmocka_unit_test(test_table_debian_refusals),
	    cmocka_unit_test(test_table_debian_reserved_names),
	    cmocka_unit_test(test_table_debian_kernel_errors_blame_the_key_line),
	    cmocka_unit_test(test_table_debian_soft_problems_still_load),
	    cmocka_unit_test(test_table_debian_detector_runs_run_detectors),
	    cmocka_unit_test(test_table_debian_folder_by_name_and_shared_magic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
