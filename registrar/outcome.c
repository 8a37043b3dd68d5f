/* SPDX-License-Identifier: MIT */
#include "outcome.h"

#include "command.h"
#include "json.h"
#include "quote.h"
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void outcome_list_init(struct outcome_list *l, const char *subject_key, bool wired)
{
	memset(l, 0, sizeof(*l));
	l->subject_key = subject_key;
	l->wired = wired;
}

void outcome_list_free(struct outcome_list *l)
{
	free(l->rows);
	l->rows = NULL;
	l->count = l->capacity = 0;
}

struct outcome_row *outcome_add(struct outcome_list *l, const char *subject)
{
	if (l->count == l->capacity) {
		size_t bigger = l->capacity ? 2 * l->capacity : 64;
		struct outcome_row *rows = realloc(l->rows, bigger * sizeof(*rows));
		if (!rows)
			die(EXIT_FAILURE_FOUND, "%s: out of memory", cli_command_path());
		l->rows = rows;
		l->capacity = bigger;
	}
	struct outcome_row *row = &l->rows[l->count++];
	memset(row, 0, sizeof(*row));
	snprintf(row->subject, sizeof(row->subject), "%s", subject);
	row->ok = true;
	return row;
}

__attribute__((format(printf, 5, 0))) static void set(struct outcome_row *row, const char *outcome,
						      bool ok, bool collateral, const char *fmt,
						      va_list ap)
{
	row->outcome = outcome;
	row->ok = ok;
	row->collateral = collateral;
	vsnprintf(row->detail, sizeof(row->detail), fmt, ap);
}

void outcome_set(struct outcome_row *row, const char *outcome, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(row, outcome, ok, false, fmt, ap);
	va_end(ap);
}

void outcome_set_collateral(struct outcome_row *row, const char *outcome, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(row, outcome, false, true, fmt, ap);
	va_end(ap);
}

bool outcome_all_ok(const struct outcome_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		if (!l->rows[i].ok)
			return false;
	return true;
}

void outcome_warn_failures(const struct outcome_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		char subject[4 * BINFMT_NAME_MAX + 1];
		if (l->rows[i].ok || l->rows[i].collateral)
			continue;
		quote_terminal(subject, sizeof(subject), l->rows[i].subject);
		warn("%s %s: %s", cli_command_path(), subject, l->rows[i].detail);
	}
}

static void print_json(const struct outcome_list *l)
{
	struct json j;

	json_start(&j, stdout);
	json_array_open(&j);
	for (size_t i = 0; i < l->count; i++) {
		const struct outcome_row *r = &l->rows[i];
		json_object_open(&j);
		json_field_string(&j, l->subject_key, r->subject);
		json_field_string(&j, "outcome", r->outcome);
		json_field_bool(&j, "ok", r->ok);
		if (l->wired) {
			json_field_string(&j, "wiring", r->wiring);
			json_field_string(&j, "interpreter",
					  r->interpreter[0] ? r->interpreter : NULL);
		}
		json_field_string(&j, "detail", r->detail);
		json_object_close(&j);
	}
	json_array_close(&j);
	json_finish(&j);
}

static void print_text(const struct outcome_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct outcome_row *r = &l->rows[i];
		char subject[4 * BINFMT_NAME_MAX + 1], interpreter[4 * PATH_MAX], detail[4096];
		quote_terminal(subject, sizeof(subject), r->subject);
		quote_terminal(interpreter, sizeof(interpreter), r->interpreter);
		quote_terminal(detail, sizeof(detail), r->detail);
		if (l->wired)
			printf("%-12s %-10s %-8s %s%s%s\n", subject, r->outcome,
			       r->wiring && r->interpreter[0] ? r->wiring : "-",
			       r->interpreter[0] ? interpreter : "-", detail[0] ? "  " : "",
			       detail);
		else
			printf("%-20s %-10s %s\n", subject, r->outcome, detail);
	}
}

void outcome_print(const struct outcome_list *l, bool json)
{
	if (json)
		print_json(l);
	else
		print_text(l);
	outcome_warn_failures(l);
}
