/* SPDX-License-Identifier: MIT */
/* Entries named for one qemu target (by name or interpreter) that miss
 * that target's binaries or also take other targets' binaries. */
#include "lint-internal.h"

#include "elf-samples.h"

#include <stdio.h>
#include <string.h>

/* Names of the targets whose typical binaries the entry matches, except
 * `skip`; returns how many. */
static size_t matched_targets(const struct binfmt_entry *e, const struct target *skip, char *out,
			      size_t size)
{
	size_t used = 0, count = 0;

	out[0] = '\0';
	for (size_t k = 0; k < target_count; k++) {
		const struct target *t = &targets[k];
		if (t == skip || !elf_sample_matches(e, t))
			continue;
		count++;
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", t->name);
		if (n > 0 && (size_t)n < size - used)
			used += (size_t)n;
	}
	return count;
}

void lint_targets(const struct table *t, struct lint_report *r)
{
	for (size_t i = 0; i < t->count; i++) {
		const struct table_entry *te = &t->items[i];
		char others[200];

		if (!te->target || te->entry.type != ENTRY_MAGIC)
			continue;
		bool own = elf_sample_matches(&te->entry, te->target);
		size_t count = matched_targets(&te->entry, te->target, others, sizeof(others));

		if (!own && count)
			lint_add(r, t, LINT_WARNING, LINT_WRONG_TARGET, i,
				 "named for %s but matches no %s binary; it matches %s binaries",
				 te->target->name, te->target->name, others);
		else if (!own)
			lint_add(
			    r, t, LINT_WARNING, LINT_WRONG_TARGET, i,
			    "named for %s but matches no %s binary, nor any other qemu target's",
			    te->target->name, te->target->name);
		else if (count)
			lint_add(r, t, LINT_WARNING, LINT_WRONG_TARGET, i,
				 "named for %s but also matches %s binaries", te->target->name,
				 others);
	}
}
