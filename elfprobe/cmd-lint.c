/* SPDX-License-Identifier: MIT */
/* elfprobe lint: findings about the table alone (lint.h). */
#include "columns.h"
#include "json.h"
#include "lint.h"
#include "options.h"
#include "report.h"

#include <stdio.h>

static void print_json(const struct table *t, const struct lint_report *r)
{
	printf("{\"entries\":%zu,\"findings\":[", t->count);
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->items[i];
		printf("%s{\"severity\":\"%s\",\"kind\":\"%s\",\"entry\":", i ? "," : "",
		       lint_severity_name(f->severity), lint_kind_name(f->kind));
		if (f->entry != LINT_NO_ENTRY)
			json_string(stdout, t->items[f->entry].entry.name);
		else
			printf("null");
		printf(",\"source\":");
		json_string(stdout, f->source ? f->source : "");
		printf(",\"line\":%d,\"other\":", f->line);
		if (f->other != LINT_NO_ENTRY)
			json_string(stdout, t->items[f->other].entry.name);
		else
			printf("null");
		printf(",\"example\":");
		if (f->example_len)
			json_hex(stdout, f->example, f->example_len);
		else
			printf("null");
		printf(",\"message\":");
		json_string(stdout, f->message);
		printf("}");
	}
	printf("],\"counts\":{\"error\":%zu,\"warning\":%zu,\"info\":%zu}}\n",
	       r->counts[LINT_ERROR], r->counts[LINT_WARNING], r->counts[LINT_INFO]);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_human(const struct table *t, const struct lint_report *r)
{
	struct columns c;

	columns_init(&c, 5);
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->items[i];
		char where[PATH_MAX + 16];
		if (f->line)
			snprintf(where, sizeof(where), "%s:%d:", f->source, f->line);
		else
			snprintf(where, sizeof(where), "%s:", f->source ? f->source : "-");
		const char *row[] = {
		    where,
		    lint_severity_name(f->severity),
		    lint_kind_name(f->kind),
		    f->entry != LINT_NO_ENTRY ? t->items[f->entry].entry.name : "-",
		    f->message,
		};
		if (!columns_add(&c, row))
			die(EXIT_FAILURE_FOUND, "out of memory");
	}
	columns_print(&c, stdout);
	columns_free(&c);
	printf("%zu %s: %zu %s, %zu %s, %zu %s\n", t->count, plural(t->count, "entry", "entries"),
	       r->counts[LINT_ERROR], plural(r->counts[LINT_ERROR], "error", "errors"),
	       r->counts[LINT_WARNING], plural(r->counts[LINT_WARNING], "warning", "warnings"),
	       r->counts[LINT_INFO], plural(r->counts[LINT_INFO], "note", "notes"));
}

int do_lint(const struct options *opts, const struct host *host, int argc, char **argv)
{
	struct lint_report r;
	struct table t;

	if (argc > 0)
		die(EXIT_USAGE, "lint: unexpected argument '%s' (try 'elfprobe --help')", argv[0]);
	if (host->exe.kind != PROBE_ELF)
		warn("%s is not a readable ELF file: host checks skipped", host->source);
	/* Bad lines are findings here, not stderr noise. */
	tables_open(opts, host, &t, false);
	lint_table(&t, host, &r);
	if (r.out_of_memory)
		die(EXIT_FAILURE_FOUND, "out of memory");
	if (opts->json)
		print_json(&t, &r);
	else
		print_human(&t, &r);
	int status = r.counts[LINT_ERROR] ? EXIT_FAILURE_FOUND : EXIT_OK;
	lint_report_free(&r);
	table_free(&t);
	return status;
}
