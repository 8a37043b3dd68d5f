/* SPDX-License-Identifier: MIT */
/* lib/files: folders listed and read, texts taken line by line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "files.h"
#include "unit-files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

static bool not_hidden(const char *name)
{
	return name[0] != '.';
}

static void test_files_dir_names_lists_what_keep_accepts(void **state)
{
	const char *dir = unit_tmpdir();
	char **names;
	(void)state;

	assert_non_null(dir);
	assert_non_null(unit_write(dir, "b", "2"));
	assert_non_null(unit_write(dir, "a", "1"));
	assert_non_null(unit_write(dir, ".hidden", "3"));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);

	int count = dir_names(fd, not_hidden, &names);
	assert_int_equal(count, 2);
	/* readdir order: either, but each once. */
	assert_true((!strcmp(names[0], "a") && !strcmp(names[1], "b")) ||
		    (!strcmp(names[0], "b") && !strcmp(names[1], "a")));
	dir_names_free(names, count);

	count = dir_sorted_names(fd, not_hidden, &names);
	assert_int_equal(count, 2);
	assert_string_equal(names[0], "a");
	assert_string_equal(names[1], "b");
	dir_names_free(names, count);
	close(fd);
	unit_remove_tree(dir);
}

static void test_files_dir_read_file_gives_text_and_path(void **state)
{
	const char *dir = unit_tmpdir();
	char path[PATH_MAX], small[8], *text;
	size_t len;
	(void)state;

	assert_non_null(dir);
	assert_non_null(unit_write(dir, "one.conf", "hello\n"));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fd >= 0);

	assert_int_equal(dir_read_file(fd, dir, "one.conf", path, sizeof(path), &text, &len), 0);
	assert_string_equal(text, "hello\n");
	assert_int_equal(len, 6);
	assert_string_equal(path, unit_path(dir, "one.conf"));
	free(text);
	/* A path that does not fit is not read at all. */
	assert_int_equal(dir_read_file(fd, dir, "one.conf", small, sizeof(small), &text, &len),
			 -ENAMETOOLONG);
	assert_int_equal(dir_read_file(fd, dir, "none", path, sizeof(path), &text, &len), -ENOENT);
	close(fd);
	unit_remove_tree(dir);
}

static void test_files_text_lines_numbered_without_newlines(void **state)
{
	static const char text[] = "one\n\nthree\r\nfour";
	struct text_lines lines;
	const char *line;
	size_t len;
	(void)state;

	text_lines_init(&lines, text, sizeof(text) - 1);
	assert_true(text_next_line(&lines, &line, &len));
	assert_int_equal(lines.number, 1);
	assert_int_equal(len, 3);
	assert_memory_equal(line, "one", 3);
	assert_true(text_next_line(&lines, &line, &len));
	assert_int_equal(lines.number, 2);
	assert_int_equal(len, 0);
	assert_true(text_next_line(&lines, &line, &len));
	assert_int_equal(len, 6); /* the '\r' is the caller's to judge */
	assert_true(text_next_line(&lines, &line, &len));
	assert_int_equal(lines.number, 4);
	assert_int_equal(len, 4);
	assert_memory_equal(line, "four", 4);
	assert_false(text_next_line(&lines, &line, &len));

	/* A final newline ends the last line; it starts no empty one. */
	text_lines_init(&lines, "x\n", 2);
	assert_true(text_next_line(&lines, &line, &len));
	assert_false(text_next_line(&lines, &line, &len));
	text_lines_init(&lines, "", 0);
	assert_false(text_next_line(&lines, &line, &len));
}

static void test_files_write_atomic_replaces_and_leaves_nothing_else(void **state)
{
	const char *dir = unit_tmpdir();
	char path[PATH_MAX], text[64];
	(void)state;

	assert_non_null(dir);
	assert_int_equal(file_write_atomic(dir, "a.conf", "one\n"), 0);
	assert_int_equal(file_write_atomic(dir, "a.conf", "two\n"), 0);
	unit_join(path, sizeof(path), dir, "a.conf");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
	assert_string_equal(text, "two\n");
	/* Nothing else is left in the folder: no temporary file. */
	size_t entries = 0;
	DIR *d = opendir(dir);
	for (struct dirent *de; (de = readdir(d));)
		entries += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	assert_int_equal(entries, 1);

	unit_join(path, sizeof(path), dir, "missing");
	assert_int_equal(file_write_atomic(path, "b.conf", "x\n"), -ENOENT);
	unit_remove_tree(dir);
}

static void test_files_dir_install_makes_parents_0755_or_nothing(void **state)
{
	const char *dir = unit_tmpdir();
	char top[PATH_MAX], deep[PATH_MAX], path[PATH_MAX];
	struct stat st;
	unsigned made = 99;
	(void)state;

	assert_non_null(dir);
	unit_join(top, sizeof(top), dir, "new");
	unit_join(deep, sizeof(deep), top, "deeper");
	mode_t old = umask(077);
	assert_int_equal(dir_install(deep, 0755, &made), 0);
	umask(old);
	assert_int_equal(made, 2);
	assert_int_equal(stat(top, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(stat(deep, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	/* There already: nothing made. */
	assert_int_equal(dir_install(deep, 0755, &made), 0);
	assert_int_equal(made, 0);
	assert_int_equal(dir_remove_made(deep, 2), 0);
	assert_int_equal(access(top, F_OK), -1);

	assert_int_equal(dir_install("", 0755, &made), -ENOENT);

	/* A file in the way, at the end or further up: -ENOTDIR, and what
	 * was made on the way is gone again. */
	assert_non_null(unit_write(dir, "file", "x"));
	assert_int_equal(dir_install(unit_path(dir, "file"), 0755, &made), -ENOTDIR);
	assert_int_equal(made, 0);
	unit_join(path, sizeof(path), dir, "file/sub");
	assert_int_equal(dir_install(path, 0755, &made), -ENOTDIR);
	assert_int_equal(mkdir(top, 0755), 0);
	assert_non_null(unit_write(top, "file", "x"));
	/* "new/made" made, then a name too long: "new/made" goes again. */
	char long_name[300];
	memset(long_name, 'x', 299);
	long_name[299] = '\0';
	assert_true(snprintf(path, sizeof(path), "%s/made/%s", top, long_name) < (int)sizeof(path));
	assert_int_equal(dir_install(path, 0755, &made), -ENAMETOOLONG);
	assert_int_equal(made, 0);
	assert_int_equal(access(unit_path(top, "made"), F_OK), -1);
	/* ".." back into a folder it made would hide which ones it made. */
	assert_true(snprintf(path, sizeof(path), "%s/made/../other", top) < (int)sizeof(path));
	assert_int_equal(dir_install(path, 0755, &made), -EINVAL);
	assert_int_equal(access(unit_path(top, "made"), F_OK), -1);
	assert_true(snprintf(path, sizeof(path), "%s/../new/other", top) < (int)sizeof(path));
	assert_int_equal(dir_install(path, 0755, &made), 0);
	assert_int_equal(made, 1);
	assert_int_equal(dir_remove_made(path, made), 0);
	assert_int_equal(access(unit_path(top, "other"), F_OK), -1);
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_files_dir_names_lists_what_keep_accepts),
	    cmocka_unit_test(test_files_dir_read_file_gives_text_and_path),
	    cmocka_unit_test(test_files_text_lines_numbered_without_newlines),
	    cmocka_unit_test(test_files_write_atomic_replaces_and_leaves_nothing_else),
	    cmocka_unit_test(test_files_dir_install_makes_parents_0755_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
