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
	struct json j;

	json_start(&j, stdout);
	json_object_open(&j);
	json_field_int(&j, "entries", (long long)t->count);
	json_key(&j, "findings");
	json_array_open(&j);
	for (size_t i = 0; i < r->count; i++) {
		const struct lint_finding *f = &r->items[i];
		json_object_open(&j);
		json_field_string(&j, "severity", lint_severity_name(f->severity));
		json_field_string(&j, "kind", lint_kind_name(f->kind));
		json_field_string(&j, "entry",
				  f->entry != LINT_NO_ENTRY ? t->items[f->entry].entry.name : NULL);
		json_field_string(&j, "source", f->source ? f->source : "");
		json_field_int(&j, "line", f->line);
		json_field_string(&j, "other",
				  f->other != LINT_NO_ENTRY ? t->items[f->other].entry.name : NULL);
		json_key(&j, "example");
		if (f->example_len)
			json_hex(&j, f->example, f->example_len);
		else
			json_null(&j);
		json_field_string(&j, "message", f->message);
		json_object_close(&j);
	}
	json_array_close(&j);
	json_key(&j, "counts");
	json_object_open(&j);
	json_field_int(&j, "error", (long long)r->counts[LINT_ERROR]);
	json_field_int(&j, "warning", (long long)r->counts[LINT_WARNING]);
	json_field_int(&j, "info", (long long)r->counts[LINT_INFO]);
	json_object_close(&j);
	json_object_close(&j);
	json_finish(&j);
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
		die(EXIT_USAGE, "lint: unexpected argument '%s' (try 'elfprobe lint --help')",
		    argv[0]);
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
