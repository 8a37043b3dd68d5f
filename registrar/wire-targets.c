/* SPDX-License-Identifier: MIT */
#include "wire-targets.h"

#include "host-elf.h"

#include <stdio.h>
#include <string.h>

size_t wire_targets(const struct selection *sel, const struct wiring_options *wo, bool force,
		    struct outcome_list *rows, struct wired_target *out)
{
	struct host_elf host;
	bool have_host = host_elf_read(&host) == 0;
	const char *host_family = host_family_read();
	size_t n = 0;

	for (size_t i = 0; i < sel->count; i++) {
		const struct target *t = sel->items[i];
		bool named = sel->named[i];
		struct outcome_row *row = outcome_add(rows, t->name);
		struct wired_target *w = &out[n];

		if (target_in_family(t, host_family) && !(named && force)) {
			outcome_set(row, named ? "refused" : "skipped", !named,
				    "the host's own family (%s) runs natively%s", t->family,
				    named ? "; name it with --force to emulate it anyway" : "");
			continue;
		}
		if (wiring_build(t, wo, &w->wiring) < 0) {
			/* --all takes what this machine can run, and says so. */
			outcome_set(row, named ? "failed" : "skipped", !named, "%s", w->wiring.why);
			continue;
		}
		row->wiring = wiring_name(w->wiring.chosen);
		snprintf(row->interpreter, sizeof(row->interpreter), "%s",
			 w->wiring.entry.interpreter);
		snprintf(row->detail, sizeof(row->detail), "%s", w->wiring.why);
		if (have_host && host_elf_captured_by(&host, &w->wiring.entry)) {
			outcome_set(
			    row, "refused", false,
			    "%s would capture this machine's own programs; nothing registered",
			    w->wiring.entry.name);
			continue;
		}
		w->target = t;
		w->row = row;
		n++;
	}
	return n;
}
