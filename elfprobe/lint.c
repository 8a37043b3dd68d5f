/* SPDX-License-Identifier: MIT */
/* The lint driver: runs the passes (lint-*.c) and sorts their findings. */
#include "lint-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_findings(const void *pa, const void *pb)
{
	const struct lint_finding *a = pa, *b = pb;
	int c = strcmp(a->source ? a->source : "", b->source ? b->source : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	/* Same line (or whole-file sources): table order, then by kind. */
	size_t ea = a->entry == LINT_NO_ENTRY ? 0 : a->entry + 1;
	size_t eb = b->entry == LINT_NO_ENTRY ? 0 : b->entry + 1;
	if (ea != eb)
		return ea < eb ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void lint_table(const struct table *t, const struct host *host, struct lint_report *r)
{
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < t->problem_count; i++) {
		struct lint_finding *f = lint_add(r, t, LINT_ERROR, LINT_INVALID, LINT_NO_ENTRY,
						  "%s", t->problems[i].message);
		if (f) {
			f->source = t->problems[i].source;
			f->line = t->problems[i].line;
		}
	}
	if (t->problems_dropped)
		lint_add(r, t, LINT_ERROR, LINT_INVALID, LINT_NO_ENTRY,
			 "%zu more problems not recorded", t->problems_dropped);
	if (t->switched_off) {
		struct lint_finding *f = lint_add(
		    r, t, LINT_WARNING, LINT_SWITCHED_OFF, LINT_NO_ENTRY,
		    "binfmt_misc is disabled (its status file says so): no entry matches anything");
		if (f)
			f->source = t->switched_off_by;
	}
	lint_entries(t, r);
	lint_pairs(t, r);
	lint_host(t, host, r);
	lint_targets(t, r);
	lint_real_headers(t, r);
	if (r->count > 1)
		qsort(r->items, r->count, sizeof(*r->items), compare_findings);
}
