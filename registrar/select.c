/* SPDX-License-Identifier: MIT */
#include "select.h"

#include <string.h>

int select_targets(bool all, int argc, char **argv, struct selection *s, struct failure *f)
{
	memset(s, 0, sizeof(*s));
	if (all && argc > 0)
		return fail(f, EXIT_USAGE, "give --all or target names, not both");
	if (!all && argc == 0)
		return fail(f, EXIT_USAGE,
			    "which targets? Name them (see 'qbinfmt list') or give --all");
	if (all) {
		for (size_t i = 0; i < target_count; i++)
			s->items[s->count++] = &targets[i];
		return 0;
	}
	for (int i = 0; i < argc; i++) {
		const struct target *t = target_lookup(argv[i]);
		if (!t)
			return fail(
			    f, EXIT_USAGE,
			    "unknown target '%s' (see 'qbinfmt list' for names and aliases)",
			    argv[i]);
		bool seen = false;
		for (size_t j = 0; j < s->count; j++)
			seen |= s->items[j] == t;
		if (seen || s->count == sizeof(s->items) / sizeof(s->items[0]))
			continue;
		s->named[s->count] = true;
		s->items[s->count++] = t;
	}
	return 0;
}
