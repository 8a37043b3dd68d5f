/* SPDX-License-Identifier: MIT */
#include "select.h"

#include "host-elf.h"
#include "report.h"

#include <string.h>

bool select_is_host_family(const struct target *t)
{
	return target_in_family(t, host_family_read());
}

void select_targets(const char *command, bool all, int argc, char **argv, struct selection *s)
{
	memset(s, 0, sizeof(*s));
	if (all && argc > 0)
		die(EXIT_USAGE, "%s: give --all or target names, not both", command);
	if (!all && argc == 0)
		die(EXIT_USAGE, "%s: which targets? Name them (see 'qbinfmt list') or give --all",
		    command);
	if (all) {
		for (size_t i = 0; i < target_count; i++)
			s->items[s->count++] = &targets[i];
		return;
	}
	for (int i = 0; i < argc; i++) {
		const struct target *t = target_lookup(argv[i]);
		if (!t)
			die(EXIT_USAGE,
			    "%s: unknown target '%s' (see 'qbinfmt list' for names and aliases)",
			    command, argv[i]);
		bool seen = false;
		for (size_t j = 0; j < s->count; j++)
			seen |= s->items[j] == t;
		if (seen || s->count == sizeof(s->items) / sizeof(s->items[0]))
			continue;
		s->named[s->count] = true;
		s->items[s->count++] = t;
	}
}
