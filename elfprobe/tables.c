/* SPDX-License-Identifier: MIT */
/* --table: which sources, in which order, and what went wrong loading them. */
#include "options.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The interpreter shown for built-in entries: qemu in the first folder
 * the launcher searches. */
static void builtin_pattern(char *out, size_t size)
{
	size_t len = strcspn(QEMU_DIRS, ":");
	int n = snprintf(out, size, "%.*s/qemu-{}", (int)len, QEMU_DIRS);
	if (n < 0 || (size_t)n >= size)
		snprintf(out, size, "qemu-{}");
}

void tables_open(const struct options *opts, const struct host *host, struct table *t, bool report)
{
	char pattern[256];

	builtin_pattern(pattern, sizeof(pattern));
	table_init(t);
	if (opts->table_count == 0)
		table_load_builtin(t, pattern, &host->profile);
	for (size_t i = 0; i < opts->table_count; i++) {
		const char *source = opts->tables[i];
		enum table_kind kind = opts->table_kind;
		int r;

		if (!strcmp(source, "builtin")) {
			table_load_builtin(t, pattern, &host->profile);
			continue;
		}
		if (!strcmp(source, "builtin-all")) {
			table_load_builtin(t, pattern, NULL);
			continue;
		}
		if (!strcmp(source, "live")) {
			source = TABLE_LIVE_DEFAULT;
			kind = TABLE_LIVE;
		}
		r = table_load(t, source, kind);
		if (r == -ENOTDIR && kind == TABLE_LIVE)
			die(EXIT_INPUT, "--table %s: not a binfmt_misc mount (no register file)",
			    source);
		if (r == -EINVAL)
			die(EXIT_INPUT, "--table %s: neither a file nor a folder", source);
		if (r < 0) {
			errno = -r;
			die_errno(EXIT_INPUT, "--table %s: cannot load", source);
		}
	}
	if (!report)
		return;
	report_table_problems(NULL, t);
}
