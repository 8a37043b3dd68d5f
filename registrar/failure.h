/* SPDX-License-Identifier: MIT */
/*
 * What a module of the registrar could not do, for the command to report
 * once (die_failure() in commands.h): the exit status it calls for and
 * one line, without the program's or the command's name, which the
 * command puts in front.  Modules never print and never exit: they fill
 * one of these and return -1.
 */
#ifndef QBINFMT_FAILURE_H
#define QBINFMT_FAILURE_H

#include "report.h"

struct failure {
	int status; /* enum exit_code */
	char why[1536];
};

/* Say why; returns -1, for `return fail(...)`. */
__attribute__((format(printf, 3, 4))) int fail(struct failure *f, int status, const char *fmt, ...);

/* The same, with ": strerror(error)" after it. */
__attribute__((format(printf, 4, 5))) int fail_errno(struct failure *f, int status, int error,
						     const char *fmt, ...);

#endif
