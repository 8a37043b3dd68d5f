/* SPDX-License-Identifier: MIT */
/*
 * The programs' one family of error reports: one line on stderr,
 * prefixed with the program's name.  The core (lib/) never calls these;
 * it returns errors for the programs to report.
 */
#ifndef QBINFMT_REPORT_H
#define QBINFMT_REPORT_H

#include "table.h"

#include <stdnoreturn.h>

/* Exit codes, as doc/design.md decides them for every program. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FAILURE_FOUND = 1, /* findings, or the operation failed */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3, /* input that could not be read or parsed */
};

__attribute__((format(printf, 2, 3))) noreturn void die(int status, const char *fmt, ...);
__attribute__((format(printf, 2, 3))) noreturn void die_errno(int status, const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warn(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warn_errno(const char *fmt, ...);

/* A table's problems, each as "PROGRAM: CONTEXT: FILE:LINE: message"
 * (the part before FILE is left out when context is NULL), and how many
 * more were dropped.  Returns how many there were. */
size_t report_table_problems(const char *context, const struct table *t);

/* What the kernel accepts but probably was not meant (entry_warnings()):
 * one line each, "PROGRAM: CONTEXT: FILE:LINE: NAME: text".  Returns how
 * many. */
size_t report_entry_warnings(const char *context, const struct table_entry *te);

/* As coreutils' close_stdout: at exit, a standard output that could not
 * be written (a full disk, /dev/full, a closed pipe end) makes the exit
 * status 1, with one line saying why.  cli_main() arranges it. */
void report_close_stdout_at_exit(void);

#endif
