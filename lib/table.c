/* SPDX-License-Identifier: MIT */
/* The table itself: growing it, its problems, matching against it, and
 * telling the kinds of source apart. */
#include "table-internal.h"

#include "array.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
}

void table_free(struct table *t)
{
	free(t->items);
	free(t->problems);
	table_init(t);
}

void table_problem(struct table *t, const char *source, int line, const char *fmt, ...)
{
	if (!array_grow((void **)&t->problems, &t->problem_capacity, t->problem_count,
			sizeof(*t->problems), TABLE_MAX_PROBLEMS)) {
		t->problems_dropped++;
		return;
	}
	struct table_problem *p = &t->problems[t->problem_count++];
	va_list ap;

	snprintf(p->source, sizeof(p->source), "%s", source);
	p->line = line;
	va_start(ap, fmt);
	/* Cut to fit is fine here: messages quote at most ~60 bytes. */
	if (vsnprintf(p->message, sizeof(p->message), fmt, ap) < 0)
		snprintf(p->message, sizeof(p->message), "unprintable problem");
	va_end(ap);
}

void table_problem_unread(struct table *t, const char *folder, const char *path, const char *name,
			  int error)
{
	if (error == -ENAMETOOLONG)
		table_problem(t, folder, 0, "path too long: %.64s", name);
	else
		table_problem(t, path, 0, "cannot read: %s", strerror(-error));
}

struct table_entry *table_add(struct table *t, const struct binfmt_entry *e, const char *source,
			      int line)
{
	/* bm_register_write() creates a file named after the entry: the two
	 * control files and every existing entry make it fail with EEXIST. */
	if (!strcmp(e->name, "register") || !strcmp(e->name, "status")) {
		table_problem(
		    t, source, line,
		    "name \"%s\" is taken by the binfmt_misc control file: the kernel refuses it",
		    e->name);
		return NULL;
	}
	for (size_t i = 0; i < t->count; i++) {
		if (strcmp(t->items[i].entry.name, e->name) == 0) {
			table_problem(
			    t, source, line,
			    "name \"%.64s\" already registered by %.96s:%d: the kernel refuses it",
			    e->name, t->items[i].source, t->items[i].line);
			return NULL;
		}
	}
	if (!array_grow((void **)&t->items, &t->capacity, t->count, sizeof(*t->items),
			TABLE_MAX_ENTRIES)) {
		table_problem(t, source, line,
			      "too many entries (or out of memory): entry \"%.64s\" ignored",
			      e->name);
		return NULL;
	}
	struct table_entry *te = &t->items[t->count++];
	te->entry = *e;
	snprintf(te->source, sizeof(te->source), "%s", source);
	te->line = line;
	te->target = table_guess_target(e);
	return te;
}

void table_add_register_string(struct table *t, const char *source, int line, const char *text,
			       size_t len)
{
	struct binfmt_entry e;
	struct entry_error error;

	if (entry_parse(text, len, &e, &error, NULL) == 0)
		table_add(t, &e, source, line);
	else
		table_problem_parse(t, source, line, text, len, &error);
}

void table_problem_parse(struct table *t, const char *source, int line, const char *text,
			 size_t len, const struct entry_error *error)
{
	char quoted[96];
	/* Quote from a little before the failing byte: that is what to fix. */
	size_t from = error->position > 24 ? error->position - 24 : 0;

	if (from > len)
		from = len;
	/* Do not start inside a \xHH escape. */
	for (size_t back = 1; back <= 3 && back <= from; back++) {
		if (text[from - back] == '\\') {
			from -= back;
			break;
		}
	}
	quote_bytes(quoted, sizeof(quoted), text + from, len - from);
	table_problem(t, source, line, "%s: %s: %s%s", entry_field_name(error->field),
		      entry_problem_text(error->problem), from ? "..." : "", quoted);
}

size_t table_matches(const struct table *t, const unsigned char *head, size_t head_len,
		     const char *filename, size_t *matches, size_t max)
{
	size_t found = 0;

	if (t->switched_off)
		return 0;
	/* Newest first, as the kernel walks its list (entry_pick()). */
	for (size_t i = t->count; i-- > 0;) {
		if (!entry_match(&t->items[i].entry, head, head_len, filename))
			continue;
		if (found < max)
			matches[found] = i;
		found++;
	}
	return found;
}
