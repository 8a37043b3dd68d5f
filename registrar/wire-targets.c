/* SPDX-License-Identifier: MIT */
#include "wire-targets.h"

#include "host-elf.h"

#include <stdio.h>
#include <string.h>

size_t wire_targets(const struct selection *sel, const struct wiring_options *wo, bool force,
		    struct outcome_list *rows, struct wired_target *out, struct failure *nothing)
{
	const struct host_profile *host = wo->host ? wo->host : host_here();
	struct host_elf own;
	bool have_own = host_own_elf(host, &own) == 0;
	size_t n = 0, unwired = 0, first_unwired = 0;

	for (size_t i = 0; i < sel->count; i++) {
		const struct target *t = sel->items[i];
		bool named = sel->named[i];
		struct outcome_row *row = outcome_add(rows, t->name);
		struct wired_target *w = &out[n];
		struct host_verdict verdict;

		host_judge(host, t, &verdict);
		if (verdict.native && !(named && force)) {
			outcome_set(row, named ? "refused" : "skipped", !named,
				    "runs natively on the host: %s%s", verdict.why,
				    named ? "; name it with --force to emulate it anyway" : "");
			continue;
		}
		if (wiring_build(t, wo, &w->wiring) < 0) {
			/* --all takes what this machine can run, and says so. */
			outcome_set(row, named ? "failed" : "skipped", !named, "%s", w->wiring.why);
			if (!named && unwired++ == 0)
				first_unwired = rows->count - 1; /* rows may move: an index */
			continue;
		}
		row->wiring = wiring_name(w->wiring.chosen);
		snprintf(row->interpreter, sizeof(row->interpreter), "%s",
			 w->wiring.entry.interpreter);
		snprintf(row->detail, sizeof(row->detail), "%s", w->wiring.why);
		if (have_own && host_elf_captured_by(&own, &w->wiring.entry)) {
			if (host->here)
				outcome_set(
				    row, "refused", false,
				    "%s would capture this machine's own programs; nothing registered",
				    w->wiring.entry.name);
			else
				outcome_set(row, "refused", false,
					    "%s would capture the host's own programs",
					    w->wiring.entry.name);
			continue;
		}
		w->target = t;
		w->row = row;
		n++;
	}
	nothing->status = EXIT_OK;
	nothing->why[0] = '\0';
	if (n == 0 && unwired && outcome_all_ok(rows))
		fail(nothing, EXIT_FAILURE_FOUND,
		     "--all: nothing done, %zu target%s skipped; %s: %s", unwired,
		     unwired == 1 ? "" : "s", rows->rows[first_unwired].subject,
		     rows->rows[first_unwired].detail);
	return n;
}
