/* SPDX-License-Identifier: MIT */
/*
 * What a command did to each target or entry, one row each, and the one
 * renderer of those rows: a column table or --json on stdout, and each
 * failure once more as a one-line message on stderr.  install, export,
 * import, remove, enable, disable and sandbox all report through it.
 */
#ifndef QBINFMT_OUTCOME_H
#define QBINFMT_OUTCOME_H

#include "entry.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct outcome_row {
	char subject[BINFMT_NAME_MAX + 1]; /* a target's or an entry's name */
	const char *outcome;		   /* "installed", "removed", "refused"... */
	bool ok;
	const char *wiring; /* NULL: no wiring column for this row */
	char interpreter[PATH_MAX];
	char detail[1024];
	bool collateral; /* failed only because another row did */
};

struct outcome_list {
	const char *subject_key; /* "target" or "entry" */
	bool wired;		 /* wiring and interpreter columns */
	struct outcome_row *rows;
	size_t count, capacity;
};

void outcome_list_init(struct outcome_list *l, const char *subject_key, bool wired);
void outcome_list_free(struct outcome_list *l);

/* A new row (ok, nothing said yet) for subject. */
struct outcome_row *outcome_add(struct outcome_list *l, const char *subject);

/* Its outcome, whether that is a success, and why (printf format). */
__attribute__((format(printf, 4, 5))) void outcome_set(struct outcome_row *row, const char *outcome,
						       bool ok, const char *fmt, ...);

/* The same for a row that failed only because another did (a command
 * that does all or nothing): a failure in the rows and in JSON, not said
 * again on stderr, where the row with the cause is. */
__attribute__((format(printf, 3, 4))) void
outcome_set_collateral(struct outcome_row *row, const char *outcome, const char *fmt, ...);

bool outcome_all_ok(const struct outcome_list *l);

/* The rows, as a table or JSON; failed rows (but collateral ones) also
 * as "qbinfmt: COMMAND SUBJECT: detail" on stderr. */
void outcome_print(const struct outcome_list *l, bool json);

/* Only the failures on stderr (when stdout carries something else). */
void outcome_warn_failures(const struct outcome_list *l);

#endif
