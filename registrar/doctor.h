/* SPDX-License-Identifier: MIT */
/*
 * Why does this binary give "Exec format error" (or "No such file or
 * directory")?  The answer for one file, here, step by step as the kernel
 * goes: binfmt_misc there and switched on, the file itself, the entry that
 * matches (or the nearest one and the header byte that rejects the file),
 * the interpreter, the qemu behind it, and the file's own loader.  No
 * printing here: qbinfmt doctor (cmd-doctor.c) says it.
 */
#ifndef QBINFMT_DOCTOR_H
#define QBINFMT_DOCTOR_H

#include "table.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

enum doctor_verdict {
	DOCTOR_RUNS,	   /* through an entry */
	DOCTOR_NATIVE,	   /* the kernel runs it itself (the host's own, a script) */
	DOCTOR_FAILS,	   /* with doctor_report.error */
	DOCTOR_UNREADABLE, /* the file could not be looked at */
};

#define DOCTOR_MAX_STEPS 8
#define DOCTOR_TEXT_MAX	 1024 /* a step's detail, a summary */

struct doctor_step {
	const char *name; /* "binfmt_misc", "file", "entry", "interpreter", "qemu", "loader" */
	bool ok;
	char detail[DOCTOR_TEXT_MAX];
};

struct doctor_report {
	enum doctor_verdict verdict;
	const char *error; /* for DOCTOR_FAILS: what execve() says */
	char summary[DOCTOR_TEXT_MAX];
	struct doctor_step steps[DOCTOR_MAX_STEPS];
	size_t step_count;
	const struct table_entry *pick; /* in the table; NULL when none */
};

struct doctor_input {
	const char *file;
	const struct table *live; /* what the binfmt_misc holds (empty when absent) */
	bool mount_present;
	const char *binfmt_dir;
	const char *instance;  /* "the host's", "this user namespace's own"... */
	const char *qemu_dirs; /* where the launcher looks for qemu */
};

void doctor_diagnose(const struct doctor_input *in, struct doctor_report *report);

const char *doctor_verdict_name(enum doctor_verdict verdict);

#endif
