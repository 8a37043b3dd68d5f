/* SPDX-License-Identifier: MIT */
/* Shared by the table loaders (lib/table-*.c) only; not part of the API. */
#ifndef QBINFMT_TABLE_INTERNAL_H
#define QBINFMT_TABLE_INTERNAL_H

#include "table.h"

#include "files.h"
#include "quote.h"

/* Record a problem; past TABLE_MAX_PROBLEMS only count it. */
__attribute__((format(printf, 4, 5))) void table_problem(struct table *t, const char *source,
							 int line, const char *fmt, ...);

/* Parse one register string with entry_parse() and append it; a bad one
 * becomes a problem quoting the text around the failing byte. */
void table_add_register_string(struct table *t, const char *source, int line, const char *text,
			       size_t len);

/* The problem for a register string entry_parse() refused. */
void table_problem_parse(struct table *t, const char *source, int line, const char *text,
			 size_t len, const struct entry_error *error);

int table_load_register_file(struct table *t, const char *path);
int table_load_binfmt_d(struct table *t, const char *folder);
int table_load_debian(struct table *t, const char *source);
int table_load_live(struct table *t, const char *folder);

#endif
