/* SPDX-License-Identifier: MIT */
/* registrar/podman-toml.c: what tests/podman-toml.sh cannot hold against
 * Python's tomllib: the line and words of each refusal, and the caps. */
#include "registrar/podman-toml.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void assert_refused(const char *text, int line, const char *message)
{
	struct toml_error err;
	struct toml_node *root = toml_parse(text, strlen(text), &err);

	assert_null(root);
	assert_int_equal(err.line, line);
	assert_string_equal(err.message, message);
}

static void test_toml_parse_refusals_name_line_and_cause(void **state)
{
	(void)state;
	assert_refused("[engine]\nhooks_dir = [\n  \"/a\",\n  \"/b\n]\n", 4,
		       "a newline in a one-line string");
	assert_refused("[engine]\nx = 1\n[engine]\n", 3, "table \"engine\" is defined twice");
	assert_refused("a = 1\n\n# c\na = 2\n", 4, "\"a\" is defined twice");
	assert_refused("a = \"\\q\"\n", 1, "unknown escape \\q");
	assert_refused("a = [1 2]\n", 1, "expected , or ] in an array");
	assert_refused("[engine\n", 1, "expected ] after the table's name");
	assert_refused("a = {b = 1}\n[a.c]\n", 2, "\"a\" is defined already");
	assert_refused("# \x1b[31m\n", 1, "control character 0x1b");
}

static void test_toml_get_reads_hooks_dir_past_comments(void **state)
{
	static const char text[] = "[engine]\n"
				   "hooks_dir = [\n"
				   "  \"/a\", # isn't\n"
				   "  # \"/x\",\n"
				   "  '/b',\n"
				   "]\n"
				   "runtime = \"[engine]\"\n";
	struct toml_error err;
	struct toml_node *root = toml_parse(text, strlen(text), &err);

	(void)state;
	assert_non_null(root);
	const struct toml_node *dirs = toml_get(toml_get(root, "engine"), "hooks_dir");
	assert_non_null(dirs);
	assert_int_equal(dirs->kind, TOML_ARRAY);
	assert_int_equal(dirs->count, 2);
	assert_string_equal(dirs->items[0]->text, "/a");
	assert_string_equal(dirs->items[1]->text, "/b");
	assert_int_equal(dirs->line, 2);
	toml_free(root);
}

static void test_toml_string_keeps_escaped_nul_by_length(void **state)
{
	static const char text[] = "a = \"x\\u0000y\"\n";
	struct toml_error err;
	struct toml_node *root = toml_parse(text, strlen(text), &err);

	(void)state;
	assert_non_null(root);
	const struct toml_node *a = toml_get(root, "a");
	assert_int_equal(a->len, 3);
	assert_memory_equal(a->text, "x\0y", 3);
	toml_free(root);
}

static void test_toml_parse_skips_a_byte_order_mark(void **state)
{
	static const char text[] = "\xef\xbb\xbf[engine]\nhooks_dir = []\n";
	struct toml_error err;
	struct toml_node *root = toml_parse(text, strlen(text), &err);

	(void)state;
	assert_non_null(root);
	assert_non_null(toml_get(toml_get(root, "engine"), "hooks_dir"));
	toml_free(root);
	/* Octal, because a hex escape would swallow the b. */
	assert_refused("a = 1\n\357\273\277b = 2\n", 2, "expected a key");
}

static void test_toml_parse_caps_nesting_and_size(void **state)
{
	char deep[256] = "a = ";
	char *many = malloc(30 * (TOML_MAX_NODES + 1) + 1);
	size_t used = 0;

	(void)state;
	for (int i = 0; i < TOML_MAX_DEPTH + 1; i++)
		strcat(deep, "[");
	for (int i = 0; i < TOML_MAX_DEPTH + 1; i++)
		strcat(deep, "]");
	assert_refused(deep, 1, "arrays and tables nested more than 32 deep");
	assert_non_null(many);
	for (int i = 0; i < TOML_MAX_NODES; i++)
		used += (size_t)sprintf(many + used, "k%d = 1\n", i);
	assert_refused(many, TOML_MAX_NODES,
		       "more than 20000 values: too large for a configuration file");
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_toml_parse_refusals_name_line_and_cause),
	    cmocka_unit_test(test_toml_get_reads_hooks_dir_past_comments),
	    cmocka_unit_test(test_toml_string_keeps_escaped_nul_by_length),
	    cmocka_unit_test(test_toml_parse_skips_a_byte_order_mark),
	    cmocka_unit_test(test_toml_parse_caps_nesting_and_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
