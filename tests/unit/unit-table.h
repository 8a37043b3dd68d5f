/* SPDX-License-Identifier: MIT */
/* Tables read from a text in memory, for the tests of the readers that
 * take one: the table it gives, and a text that gives one problem. */
#ifndef QBINFMT_UNIT_TABLE_H
#define QBINFMT_UNIT_TABLE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"

#include <string.h>

/* A reader of text, as table_parse_nix() and table_parse_guix() are. */
typedef void unit_table_reader(struct table *t, const char *source, const char *text, size_t len);

/* `text` read by `parse` into a fresh table, from the source "src". */
static inline void unit_table_parse(struct table *t, unit_table_reader *parse, const char *text)
{
	table_init(t);
	parse(t, "src", text, strlen(text));
}

/* `text` gives exactly one problem, on `line`, and no entry. */
static inline void unit_table_one_problem(unit_table_reader *parse, const char *text, int line,
					  const char *message)
{
	struct table t;
	unit_table_parse(&t, parse, text);
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
