/* SPDX-License-Identifier: MIT */
#include "failure.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void set(struct failure *f, int status, int error, const char *fmt, va_list ap)
{
	f->status = status;
	int n = vsnprintf(f->why, sizeof(f->why), fmt, ap);
	if (error && n >= 0 && (size_t)n < sizeof(f->why))
		snprintf(f->why + n, sizeof(f->why) - (size_t)n, ": %s", strerror(error));
}

int fail(struct failure *f, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(f, status, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int fail_errno(struct failure *f, int status, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(f, status, error, fmt, ap);
	va_end(ap);
	return -1;
}
