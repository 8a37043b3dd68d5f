/* SPDX-License-Identifier: MIT */
#include "report.h"

#include "quote.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The longest message reported whole (a path or two and a sentence);
 * longer ones are cut. */
#define REPORT_MAX 8192

/* One line, whatever it names: file names, entry names and the text of
 * bad lines come from users, so the whole line goes through the one rule
 * for showing such text (quote_terminal(): no newline can forge a second
 * line, no escape sequence reaches the terminal). */
static void report(int saved_errno, const char *fmt, va_list ap)
{
	static char text[REPORT_MAX], shown[4 * REPORT_MAX];
	int n = snprintf(text, sizeof(text), "%s: ", program_invocation_short_name);

	if (n > 0 && (size_t)n < sizeof(text))
		n += vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	if (saved_errno && n > 0 && (size_t)n < sizeof(text))
		snprintf(text + n, sizeof(text) - (size_t)n, ": %s", strerror(saved_errno));
	quote_terminal(shown, sizeof(shown), text);
	fprintf(stderr, "%s\n", shown);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(0, fmt, ap);
	va_end(ap);
	exit(status);
}

void die_errno(int status, const char *fmt, ...)
{
	int saved_errno = errno;
	va_list ap;

	va_start(ap, fmt);
	report(saved_errno, fmt, ap);
	va_end(ap);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(0, fmt, ap);
	va_end(ap);
}

void warn_errno(const char *fmt, ...)
{
	int saved_errno = errno;
	va_list ap;

	va_start(ap, fmt);
	report(saved_errno, fmt, ap);
	va_end(ap);
}

size_t report_table_problems(const char *context, const struct table *t)
{
	for (size_t i = 0; i < t->problem_count; i++) {
		const struct table_problem *p = &t->problems[i];
		char where[PATH_MAX + 16];
		if (p->line)
			snprintf(where, sizeof(where), "%s:%d", p->source, p->line);
		else
			snprintf(where, sizeof(where), "%s", p->source);
		warn("%s%s%s: %s", context ? context : "", context ? ": " : "", where, p->message);
	}
	if (t->problems_dropped)
		warn("%s%s%zu more problems, not shown", context ? context : "",
		     context ? ": " : "", t->problems_dropped);
	return t->problem_count + t->problems_dropped;
}

size_t report_entry_warnings(const char *context, const struct table_entry *te)
{
	unsigned warnings = entry_warnings(&te->entry);
	size_t n = 0;

	for (unsigned bit = 1; warnings; bit <<= 1) {
		if (!(warnings & bit))
			continue;
		warnings &= ~bit;
		if (te->line)
			warn("%s: %s:%d: %s: %s", context, te->source, te->line, te->entry.name,
			     entry_warning_text((enum entry_warning)bit));
		else
			warn("%s: %s: %s: %s", context, te->source, te->entry.name,
			     entry_warning_text((enum entry_warning)bit));
		n++;
	}
	return n;
}

static void close_stdout(void)
{
	/* fclose() flushes what is still buffered: the last chance for a
	 * write to fail, and the one /dev/full and full disks hit. */
	/* An earlier write's errno is long gone: none rather than a stale one. */
	bool failed = ferror(stdout) != 0;
	int saved = 0;
	if (fclose(stdout) != 0) {
		failed = true;
		saved = errno;
	}
	if (failed) {
		fprintf(stderr, "%s: cannot write the output: %s\n", program_invocation_short_name,
			saved ? strerror(saved) : "write error");
		_exit(EXIT_FAILURE_FOUND);
	}
}

void report_close_stdout_at_exit(void)
{
	atexit(close_stdout);
}
