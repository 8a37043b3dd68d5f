/* SPDX-License-Identifier: MIT */
/* registrar/subid.c: /etc/subuid lines, well formed and not. */
#include "registrar/subid.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static void test_subid_parse_line_well_formed(void **state)
{
	struct id_range r;
	char who[32];
	bool ok;

	(void)state;
	assert_true(subid_parse_line("alice:100000:65536\n", who, sizeof(who), &r, &ok));
	assert_true(ok);
	assert_string_equal(who, "alice");
	assert_int_equal(r.start, 100000);
	assert_int_equal(r.count, 65536);
	assert_true(subid_parse_line("1000:200000:10", who, sizeof(who), &r, &ok));
	assert_true(ok);
	assert_string_equal(who, "1000");
}

static void test_subid_parse_line_malformed_lines_are_someones(void **state)
{
	static const char *const bad[] = {
	    "nobody:abc:65536", "nobody:100000:",  "nobody:100000:0",  "nobody:100000:65536x",
	    "nobody::65536",	"nobody:-1:65536", "nobody:100000:-5",
	};
	struct id_range r;
	char who[32];
	bool ok;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_true(subid_parse_line(bad[i], who, sizeof(who), &r, &ok));
		assert_false(ok);
		assert_string_equal(who, "nobody");
	}
	/* Comments and lines without a colon are nobody's. */
	assert_false(subid_parse_line("# nobody:1:2", who, sizeof(who), &r, &ok));
	assert_false(subid_parse_line("garbage", who, sizeof(who), &r, &ok));
}

/* A subuid file of our own making: lines, then subid_find() on it. */
static int find_in(const char *text, const char *name, unsigned long id, struct id_range *r,
		   struct subid_bad_line *bad)
{
	char path[] = "/tmp/qbinfmt-subid-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	int result = subid_find(path, name, id, r, bad);
	unlink(path);
	return result;
}

static void test_subid_find_names_the_malformed_line(void **state)
{
	struct id_range r;
	struct subid_bad_line bad;

	(void)state;
	assert_int_equal(
	    find_in("root:100000:65536\nnobody:abc:65536\n", "nobody", 65534, &r, &bad), -EBADMSG);
	assert_int_equal(bad.line, 2);
	assert_string_equal(bad.text, "nobody:abc:65536");
}

static void test_subid_find_ignores_others_malformed_lines(void **state)
{
	struct id_range r;
	struct subid_bad_line bad;

	(void)state;
	assert_int_equal(find_in("bob:xyz\n# c\nalice:300000:1000\n", "alice", 1001, &r, &bad), 0);
	assert_int_equal(r.start, 300000);
	assert_int_equal(r.count, 1000);
	/* By number, when the name is not there. */
	assert_int_equal(find_in("1001:400000:5\n", "alice", 1001, &r, &bad), 0);
	assert_int_equal(r.start, 400000);
	assert_int_equal(find_in("bob:1:2\n", "alice", 1001, &r, &bad), -ENOENT);
}

static void test_subid_parse_start_count(void **state)
{
	struct id_range r;

	(void)state;
	assert_true(subid_parse("100000:65536", &r));
	assert_int_equal(r.start, 100000);
	assert_false(subid_parse("100000", &r));
	assert_false(subid_parse("-1:5", &r));
	assert_false(subid_parse("1:0", &r));
	assert_false(subid_parse("1:5x", &r));
}

static void test_subid_describe_bad_line_names_file_line_and_text(void **state)
{
	struct subid_bad_line bad = {.line = 3, .text = "alice:abc:65536"};
	char text[256];

	(void)state;
	subid_describe_bad_line("/etc/subgid", &bad, text, sizeof(text));
	assert_string_equal(text, "/etc/subgid:3: not NAME:START:COUNT: \"alice:abc:65536\"");
}

static void test_subid_describe_missing_gives_the_usermod_line(void **state)
{
	char text[256];

	(void)state;
	subid_describe_missing("alice", text, sizeof(text));
	assert_string_equal(
	    text,
	    "no subordinate ids for alice in /etc/subuid and /etc/subgid (add a range, e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice)");
	subid_describe_missing(NULL, text, sizeof(text));
	assert_string_equal(
	    text,
	    "no subordinate ids for you in /etc/subuid and /etc/subgid (add a range, e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 USER)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_subid_parse_line_well_formed),
	    cmocka_unit_test(test_subid_parse_line_malformed_lines_are_someones),
	    cmocka_unit_test(test_subid_find_names_the_malformed_line),
	    cmocka_unit_test(test_subid_find_ignores_others_malformed_lines),
	    cmocka_unit_test(test_subid_parse_start_count),
	    cmocka_unit_test(test_subid_describe_bad_line_names_file_line_and_text),
	    cmocka_unit_test(test_subid_describe_missing_gives_the_usermod_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
