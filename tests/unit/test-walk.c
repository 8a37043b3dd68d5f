/* SPDX-License-Identifier: MIT */
/* The tree walk: sorted, symlinks inside not followed, special files never
 * opened, a folder below itself not entered again. */
#include "unit-files.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "elfprobe/walk.h"

struct seen {
	char files[16][PATH_MAX];
	size_t count, errors;
	bool known_regular[16];
};

static void on_file(void *ctx, int dirfd, const char *name, const char *path, bool known_regular)
{
	struct seen *s = ctx;
	struct stat st;
	assert_int_equal(fstatat(dirfd, name, &st, known_regular ? AT_SYMLINK_NOFOLLOW : 0), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_true(s->count < 16);
	snprintf(s->files[s->count], PATH_MAX, "%s", path);
	s->known_regular[s->count++] = known_regular;
}

static void on_error(void *ctx, const char *path, int error, const char *what)
{
	struct seen *s = ctx;
	(void)path;
	(void)error;
	(void)what;
	s->errors++;
}

static const struct walk_ops ops = {on_file, on_error};

static void test_walk_sorted_and_skips_links_and_specials(void **state)
{
	const char *dir = unit_tmpdir();
	char root[PATH_MAX], expect[PATH_MAX];
	struct walk_stats stats;
	static struct seen seen;
	(void)state;
	snprintf(root, sizeof(root), "%s", dir);
	unit_write(root, "b", "b");
	unit_write(root, "a", "a");
	assert_int_equal(mkdir(unit_path(root, "sub"), 0755), 0);
	unit_write(root, "sub/c", "c");
	assert_int_equal(symlink("..", unit_path(root, "sub/up")), 0); /* a loop, if followed */
	assert_int_equal(symlink("a", unit_path(root, "link-to-a")), 0);
	assert_int_equal(mkfifo(unit_path(root, "fifo"), 0600), 0);

	memset(&seen, 0, sizeof(seen));
	memset(&stats, 0, sizeof(stats));
	walk(root, &ops, &seen, &stats);
	assert_int_equal(seen.count, 3);
	unit_join(expect, sizeof(expect), root, "a");
	assert_string_equal(seen.files[0], expect);
	unit_join(expect, sizeof(expect), root, "b");
	assert_string_equal(seen.files[1], expect);
	unit_join(expect, sizeof(expect), root, "sub/c");
	assert_string_equal(seen.files[2], expect);
	assert_true(seen.known_regular[0]);
	assert_int_equal(stats.symlinks, 2);
	assert_int_equal(stats.special, 1);
	assert_int_equal(stats.folders, 2);
	assert_int_equal(stats.errors, 0);
	unit_remove_tree(root);
}

static void test_walk_follows_what_the_user_named(void **state)
{
	const char *dir = unit_tmpdir();
	char root[PATH_MAX], link[PATH_MAX];
	struct walk_stats stats;
	static struct seen seen;
	(void)state;
	snprintf(root, sizeof(root), "%s", dir);
	unit_write(root, "file", "x");
	unit_join(link, sizeof(link), root, "link");
	assert_int_equal(symlink("file", link), 0);
	memset(&seen, 0, sizeof(seen));
	memset(&stats, 0, sizeof(stats));
	walk(link, &ops, &seen, &stats);
	assert_int_equal(seen.count, 1);
	assert_string_equal(seen.files[0], link);
	assert_false(seen.known_regular[0]);
	walk(unit_path(root, "missing"), &ops, &seen, &stats);
	assert_int_equal(seen.errors, 1);
	walk("/dev/null", &ops, &seen, &stats);
	assert_int_equal(stats.special, 1);
	unit_remove_tree(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_walk_sorted_and_skips_links_and_specials),
	    cmocka_unit_test(test_walk_follows_what_the_user_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
