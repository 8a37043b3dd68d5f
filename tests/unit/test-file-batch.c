/* SPDX-License-Identifier: MIT */
/* lib/file-batch: files written into a folder all or none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "file-batch.h"
#include "unit-files.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

/* The folder's names, sorted, space-separated ("" when empty). */
static const char *listing(const char *dir)
{
	static char out[1024];
	char *names[32];
	size_t n = 0, at = 0;
	DIR *d = opendir(dir);

	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d)) && n < 32;)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			names[n++] = strdup(de->d_name);
	closedir(d);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(names[j], names[i]) < 0) {
				char *t = names[i];
				names[i] = names[j];
				names[j] = t;
			}
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		at += (size_t)snprintf(out + at, sizeof(out) - at, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return out;
}

static const char *contents(const char *dir, const char *name)
{
	static char text[256];
	FILE *f = fopen(unit_path(dir, name), "re");

	assert_non_null(f);
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void test_file_batch_commit_puts_every_file_in_place(void **state)
{
	const char *dir = unit_tmpdir();
	struct file_batch b;
	size_t failed = 99;
	(void)state;

	assert_non_null(dir);
	assert_non_null(unit_write(dir, "a.conf", "old a\n"));
	assert_true(file_batch_init(&b, dir));
	assert_int_equal(file_batch_add(&b, "a.conf", "new a\n"), 0);
	assert_int_equal(file_batch_add(&b, "b.conf", "new b\n"), 0);
	/* Nothing shows before the commit but hidden names. */
	assert_string_equal(contents(dir, "a.conf"), "old a\n");
	assert_int_equal(access(unit_path(dir, "b.conf"), F_OK), -1);

	assert_int_equal(file_batch_commit(&b, &failed), 0);
	assert_int_equal(failed, 99);
	assert_int_equal(b.items[0].state, FILE_BATCH_WRITTEN);
	assert_int_equal(b.items[1].state, FILE_BATCH_WRITTEN);
	file_batch_free(&b);
	assert_string_equal(contents(dir, "a.conf"), "new a\n");
	assert_string_equal(contents(dir, "b.conf"), "new b\n");
	assert_string_equal(listing(dir), "a.conf b.conf");
	unit_remove_tree(dir);
}

/* The third cannot be put in place: the first two are taken back, the
 * old a.conf returns, and no temporary file stays. */
static void test_file_batch_commit_takes_back_on_failure(void **state)
{
	const char *dir = unit_tmpdir();
	char in_the_way[PATH_MAX];
	struct file_batch b;
	size_t failed = 99;
	(void)state;

	assert_non_null(dir);
	assert_non_null(unit_write(dir, "a.conf", "old a\n"));
	unit_join(in_the_way, sizeof(in_the_way), dir, "c.conf");
	assert_int_equal(mkdir(in_the_way, 0755), 0);
	assert_non_null(unit_write(in_the_way, "keep", "x"));

	assert_true(file_batch_init(&b, dir));
	assert_int_equal(file_batch_add(&b, "a.conf", "new a\n"), 0);
	assert_int_equal(file_batch_add(&b, "b.conf", "new b\n"), 0);
	assert_int_equal(file_batch_add(&b, "c.conf", "new c\n"), 0);
	assert_int_equal(file_batch_commit(&b, &failed), -EISDIR);
	assert_int_equal(failed, 2);
	assert_int_equal(b.items[0].state, FILE_BATCH_TAKEN_BACK);
	assert_int_equal(b.items[1].state, FILE_BATCH_TAKEN_BACK);
	assert_int_equal(b.items[2].state, FILE_BATCH_STAGED);
	file_batch_free(&b);
	assert_string_equal(contents(dir, "a.conf"), "old a\n");
	assert_string_equal(listing(dir), "a.conf c.conf");
	assert_string_equal(listing(in_the_way), "keep");
	unit_remove_tree(dir);
}

static void test_file_batch_free_before_commit_leaves_nothing(void **state)
{
	const char *dir = unit_tmpdir();
	struct file_batch b;
	(void)state;

	assert_non_null(dir);
	assert_true(file_batch_init(&b, dir));
	assert_int_equal(file_batch_add(&b, "a.conf", "a\n"), 0);
	assert_int_equal(file_batch_add(&b, "b.conf", "b\n"), 0);
	assert_string_not_equal(listing(dir), "");
	file_batch_free(&b);
	assert_string_equal(listing(dir), "");
	unit_remove_tree(dir);
}

static void test_file_batch_add_into_no_folder_fails(void **state)
{
	const char *dir = unit_tmpdir();
	struct file_batch b;
	(void)state;

	assert_non_null(dir);
	assert_true(file_batch_init(&b, unit_path(dir, "missing")));
	assert_int_equal(file_batch_add(&b, "a.conf", "a\n"), -ENOENT);
	assert_int_equal(b.count, 0);
	file_batch_free(&b);
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_file_batch_commit_puts_every_file_in_place),
	    cmocka_unit_test(test_file_batch_commit_takes_back_on_failure),
	    cmocka_unit_test(test_file_batch_free_before_commit_leaves_nothing),
	    cmocka_unit_test(test_file_batch_add_into_no_folder_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
