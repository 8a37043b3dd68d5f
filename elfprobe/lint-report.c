/* SPDX-License-Identifier: MIT */
/* The lint report the passes add to, and what they share; below the
 * passes, which the driver (lint.c) runs. */
#include "lint-internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[LINT_KIND_COUNT] = {
    [LINT_INVALID] = "invalid",
    [LINT_NEVER_MATCHES] = "never-matches",
    [LINT_CONTRADICTS_ELF] = "contradicts-elf",
    [LINT_NO_EXECUTABLE] = "no-executable",
    [LINT_REJECTS_PIE] = "rejects-pie",
    [LINT_REJECTS_EXEC] = "rejects-exec",
    [LINT_REJECTS_SYSV_OSABI] = "rejects-sysv-osabi",
    [LINT_REJECTS_GNU_OSABI] = "rejects-gnu-osabi",
    [LINT_REJECTS_OSABI] = "rejects-osabi",
    [LINT_REJECTS_ABIVERSION] = "rejects-abiversion",
    [LINT_REJECTS_E_FLAGS] = "rejects-e-flags",
    [LINT_MASKED_BITS] = "masked-bits",
    [LINT_OLD_KERNEL] = "old-kernel",
    [LINT_LONG_INTERPRETER] = "long-interpreter",
    [LINT_LOSES_ARGV0] = "loses-argv0",
    [LINT_OVERLAP] = "overlap",
    [LINT_SHADOWED] = "shadowed",
    [LINT_HOST] = "host",
    [LINT_HOST_FAMILY] = "host-family",
    [LINT_WRONG_TARGET] = "wrong-target",
    [LINT_DISABLED] = "disabled",
    [LINT_SWITCHED_OFF] = "switched-off",
};

const char *lint_kind_name(enum lint_kind kind)
{
	return kind < LINT_KIND_COUNT ? kind_names[kind] : "?";
}

const char *lint_severity_name(enum lint_severity severity)
{
	switch (severity) {
	case LINT_INFO:
		return "info";
	case LINT_WARNING:
		return "warning";
	case LINT_ERROR:
		return "error";
	}
	return "?";
}

struct lint_finding *lint_add(struct lint_report *r, const struct table *t,
			      enum lint_severity severity, enum lint_kind kind, size_t entry,
			      const char *fmt, ...)
{
	struct lint_finding *f;
	va_list ap;

	if (r->count == r->capacity) {
		size_t bigger = r->capacity ? r->capacity * 2 : 32;
		void *p = realloc(r->items, bigger * sizeof(*r->items));
		if (!p) {
			r->out_of_memory = true;
			return NULL;
		}
		r->items = p;
		r->capacity = bigger;
	}
	f = &r->items[r->count++];
	memset(f, 0, sizeof(*f));
	f->severity = severity;
	f->kind = kind;
	f->entry = entry;
	f->other = LINT_NO_ENTRY;
	f->order = r->count - 1;
	if (entry != LINT_NO_ENTRY) {
		f->source = t->items[entry].source;
		f->line = t->items[entry].line;
	}
	va_start(ap, fmt);
	if (vsnprintf(f->message, sizeof(f->message), fmt, ap) < 0)
		snprintf(f->message, sizeof(f->message), "%s", lint_kind_name(kind));
	va_end(ap);
	r->counts[severity]++;
	return f;
}

bool lint_targets_elf(const struct binfmt_entry *e)
{
	return e->type == ENTRY_MAGIC && e->offset == 0 && e->size >= 4 &&
	       memcmp(e->magic + 1, "ELF", 3) == 0;
}

void lint_report_free(struct lint_report *r)
{
	free(r->items);
	memset(r, 0, sizeof(*r));
}
