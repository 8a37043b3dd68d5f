/* SPDX-License-Identifier: MIT */
/* cli/json: the one JSON writer, compact and indented as Go's
 * encoding/json MarshalIndent lays out the JSON tonistiigi/binfmt prints
 * (qbinfmt image writes the same). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json.h"

#include <stdio.h>
#include <stdlib.h>

/* {"supported": [...], "emulators": [...]} written with j, as text. */
static char *status_shape(bool indented, size_t emulators)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct json j;

	assert_non_null(out);
	if (indented)
		json_start_indented(&j, out);
	else
		json_start(&j, out);
	json_object_open(&j);
	json_key(&j, "supported");
	json_array_open(&j);
	json_string(&j, "linux/amd64");
	json_string(&j, "linux/arm64");
	json_array_close(&j);
	json_key(&j, "emulators");
	json_array_open(&j);
	for (size_t i = 0; i < emulators; i++)
		json_string(&j, "qbinfmt-aarch64");
	json_array_close(&j);
	json_object_close(&j);
	json_finish(&j);
	fclose(out);
	return text;
}

static void test_json_compact_is_one_line(void **state)
{
	(void)state;
	char *text = status_shape(false, 1);
	assert_string_equal(
	    text,
	    "{\"supported\":[\"linux/amd64\",\"linux/arm64\"],\"emulators\":[\"qbinfmt-aarch64\"]}\n");
	free(text);
}

/* What `json.MarshalIndent(out, "", "  ")` gives for the same values
 * (tonistiigi/binfmt's cmd/binfmt/main.go printStatus()). */
static void test_json_indented_matches_marshal_indent(void **state)
{
	(void)state;
	char *text = status_shape(true, 1);
	assert_string_equal(text, "{\n"
				  "  \"supported\": [\n"
				  "    \"linux/amd64\",\n"
				  "    \"linux/arm64\"\n"
				  "  ],\n"
				  "  \"emulators\": [\n"
				  "    \"qbinfmt-aarch64\"\n"
				  "  ]\n"
				  "}\n");
	free(text);
}

/* An empty array stays [] on its key's line, as Go writes an empty slice. */
static void test_json_indented_empty_array(void **state)
{
	(void)state;
	char *text = status_shape(true, 0);
	assert_string_equal(text, "{\n"
				  "  \"supported\": [\n"
				  "    \"linux/amd64\",\n"
				  "    \"linux/arm64\"\n"
				  "  ],\n"
				  "  \"emulators\": []\n"
				  "}\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_compact_is_one_line),
	    cmocka_unit_test(test_json_indented_matches_marshal_indent),
	    cmocka_unit_test(test_json_indented_empty_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
