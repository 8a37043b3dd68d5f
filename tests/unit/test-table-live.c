/* SPDX-License-Identifier: MIT */
/* A binfmt_misc folder read back: status files, the global switch, and
 * problems with the line that does not fit.  (The registration order of a
 * real mount is checked against the kernel by tests/elfprobe-live.kt.) */
#include "unit-files.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "table.h"

static const char *fake_mount(const char *global)
{
	const char *dir = unit_tmpdir();
	unit_write(dir, "register", "");
	unit_write(dir, "status", global);
	return dir;
}

static void test_table_live_reads_status_files(void **state)
{
	const char *dir = fake_mount("enabled\n");
	struct table t;
	enum table_kind kind;
	(void)state;
	unit_write(dir, "qemu-aarch64",
		   "enabled\ninterpreter /usr/bin/qemu-aarch64\nflags: PF\noffset 0\n"
		   "magic 7f454c460201010000000000000000000200b700\n"
		   "mask fffffffffffffffc00fffffffffffffffeffffff\n");
	assert_int_equal(table_detect(dir, &kind), 0);
	assert_int_equal(kind, TABLE_LIVE);
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_AUTO), 0);
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 1);
	assert_false(t.switched_off);
	assert_string_equal(t.items[0].entry.name, "qemu-aarch64");
	assert_int_equal(t.items[0].entry.size, 20);
	assert_int_equal(t.items[0].line, 0);
	assert_string_equal(t.items[0].source, unit_path(dir, "qemu-aarch64"));
	assert_string_equal(t.items[0].target->name, "aarch64");
	table_free(&t);
	unit_remove_tree(dir);
}

static void test_table_live_disabled_entry_and_mount(void **state)
{
	const char *dir = fake_mount("disabled\n");
	struct table t;
	size_t m[1];
	(void)state;
	unit_write(dir, "jar", "disabled\ninterpreter /usr/bin/jexec\nflags: \nextension .jar\n");
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_LIVE), 0);
	assert_int_equal(t.count, 1);
	assert_false(t.items[0].entry.enabled);
	assert_true(t.switched_off);
	assert_int_equal(table_matches(&t, NULL, 0, "a.jar", m, 1), 0);
	table_free(&t);
	unit_remove_tree(dir);
}

static void test_table_live_bad_status_file_names_its_line(void **state)
{
	const char *dir = fake_mount("enabled\n");
	struct table t;
	(void)state;
	unit_write(dir, "broken", "enabled\ninterpreter /i\nflags: X\nextension .x\n");
	unit_write(dir, "fine", "enabled\ninterpreter /i\nflags: \nextension .y\n");
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_LIVE), 0);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.name, "fine");
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].source, unit_path(dir, "broken"));
	assert_int_equal(t.problems[0].line, 3);
	assert_string_equal(t.problems[0].message,
			    "not an entry status file the kernel writes: \"flags: X\"");
	table_free(&t);
	unit_remove_tree(dir);
}

static void test_table_live_global_status_garbage(void **state)
{
	const char *dir = fake_mount("maybe\n");
	struct table t;
	(void)state;
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_LIVE), 0);
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].message, "neither \"enabled\" nor \"disabled\"");
	table_free(&t);
	unit_remove_tree(dir);
}

static void test_table_live_needs_register(void **state)
{
	const char *dir = unit_tmpdir();
	struct table t;
	(void)state;
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_LIVE), -ENOTDIR);
	table_free(&t);
	unit_remove_tree(dir);
}

/* A file of the mount that cannot be read fails the load: a table
 * without it would be taken for the mount's content (and remove would
 * call the entry absent).  Here every descriptor past the folder's own is
 * refused (EMFILE), as under `ulimit -n`. */
static void test_table_live_unreadable_file_fails_the_load(void **state)
{
	const char *dir = fake_mount("enabled\n");
	struct table t;
	struct rlimit saved, low;
	(void)state;
	unit_write(dir, "jar", "enabled\ninterpreter /usr/bin/jexec\nflags: \nextension .jar\n");
	int lowest = dup(0);
	assert_true(lowest >= 0);
	close(lowest);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
	low = saved;
	low.rlim_cur = (rlim_t)lowest + 1;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	table_init(&t);
	int r = table_load(&t, dir, TABLE_LIVE);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
	assert_int_equal(r, -EMFILE);
	table_free(&t);
	unit_remove_tree(dir);
}

/* What the kernel never writes there (a fake tree's folder) is a problem
 * naming it; the rest loads. */
static void test_table_live_folder_among_entries_is_a_problem(void **state)
{
	const char *dir = fake_mount("enabled\n");
	struct table t;
	(void)state;
	unit_write(dir, "jar", "enabled\ninterpreter /usr/bin/jexec\nflags: \nextension .jar\n");
	assert_int_equal(mkdir(unit_path(dir, "odd"), 0755), 0);
	table_init(&t);
	assert_int_equal(table_load(&t, dir, TABLE_LIVE), 0);
	assert_int_equal(t.count, 1);
	assert_int_equal(t.problem_count, 1);
	assert_string_equal(t.problems[0].source, unit_path(dir, "odd"));
	assert_string_equal(t.problems[0].message, "not a file binfmt_misc writes: Is a directory");
	table_free(&t);
	rmdir(unit_path(dir, "odd"));
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_live_reads_status_files),
	    cmocka_unit_test(test_table_live_disabled_entry_and_mount),
	    cmocka_unit_test(test_table_live_bad_status_file_names_its_line),
	    cmocka_unit_test(test_table_live_global_status_garbage),
	    cmocka_unit_test(test_table_live_needs_register),
	    cmocka_unit_test(test_table_live_unreadable_file_fails_the_load),
	    cmocka_unit_test(test_table_live_folder_among_entries_is_a_problem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
