/* SPDX-License-Identifier: MIT */
/* Tables read from a text in memory, for the tests of a reader that takes
 * one (table_parse_nix(), table_parse_guix()): the test file defines
 * UNIT_TABLE_READER as that reader, then includes this. */
#ifndef QBINFMT_UNIT_TABLE_H
#define QBINFMT_UNIT_TABLE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"

#include <string.h>

/* `text` read into a fresh table, from the source "src". */
static inline void parse(struct table *t, const char *text)
{
	table_init(t);
	UNIT_TABLE_READER(t, "src", text, strlen(text));
}

/* `text` gives exactly one problem, on `line`, and no entry. */
static inline void one_problem(const char *text, int line, const char *message)
{
	struct table t;
	parse(&t, text);
	if (t.problem_count != 1 || strcmp(t.problems[0].message, message) != 0) {
		for (size_t i = 0; i < t.problem_count; i++)
			print_error("problem %d: %s\n", t.problems[i].line, t.problems[i].message);
		fail_msg("want one problem: %s", message);
	}
	assert_int_equal(t.problems[0].line, line);
	assert_int_equal(t.count, 0);
	table_free(&t);
}

#endif
