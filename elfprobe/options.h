/* SPDX-License-Identifier: MIT */
/* elfprobe's options, parsed once in elfprobe.c, and its commands. */
#ifndef ELFPROBE_OPTIONS_H
#define ELFPROBE_OPTIONS_H

#include "host.h"
#include "table.h"

#include <stdbool.h>

#define OPTIONS_MAX_TABLES 16

struct options {
	bool json;
	int verbose;
	bool host_native; /* verify --host */
	const char *tables[OPTIONS_MAX_TABLES];
	size_t table_count; /* none: the built-in table */
	enum table_kind table_kind;
	const char *host_exe;  /* NULL: /proc/self/exe */
	const char *host_arch; /* --host-arch: another machine's; NULL: none */
};

/*
 * Load the tables the options name, in order, into t.  Exits with status
 * 3 if a source cannot be read at all.  Problems (bad lines) stay in
 * t->problems; with `report` they are also printed as FILE:LINE: message.
 */
void tables_open(const struct options *opts, const struct host *host, struct table *t, bool report);

/* Each command gets its operands (argv[0] is the first operand). */
int do_probe(const struct options *opts, const struct host *host, int argc, char **argv);
int do_verify(const struct options *opts, const struct host *host, int argc, char **argv);
int do_lint(const struct options *opts, const struct host *host, int argc, char **argv);

#endif
