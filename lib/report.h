/* SPDX-License-Identifier: MIT */
/*
 * The programs' one family of error reports: one line on stderr,
 * prefixed with the program's name.  The core modules never call these;
 * they return errors for the programs to report.
 */
#ifndef QBINFMT_REPORT_H
#define QBINFMT_REPORT_H

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

#endif
