/* SPDX-License-Identifier: MIT */
/* Can one file match two entries?  Decided from the rules themselves, not
 * by trying files: every header byte can be chosen freely, so two magic
 * rules clash only where both masks constrain a bit and the magics differ. */
#include "entry-overlap.h"

#include <string.h>

static unsigned char constraint(const struct binfmt_entry *e, size_t at, unsigned char *value)
{
	if (at < (size_t)e->offset || at >= (size_t)e->offset + e->size)
		return 0;
	size_t j = at - (size_t)e->offset;
	*value = e->magic[j];
	return e->has_mask ? e->mask[j] : 0xff;
}

bool entry_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b,
		   struct entry_overlap *detail)
{
	memset(detail, 0, sizeof(*detail));
	if (a->type == ENTRY_EXTENSION && b->type == ENTRY_EXTENSION)
		return strcmp(a->extension, b->extension) == 0;
	/* A file named *.EXT may hold any bytes at all. */
	if (a->type == ENTRY_EXTENSION || b->type == ENTRY_EXTENSION)
		return true;

	bool shared = false;
	for (size_t at = 0; at < BINFMT_HEADER_SIZE; at++) {
		unsigned char va = 0, vb = 0;
		unsigned char both = constraint(a, at, &va) & constraint(b, at, &vb);
		if ((va ^ vb) & both) {
			detail->conflict_at = at;
			return false;
		}
		if (both) {
			if (!shared)
				detail->first = at;
			detail->last = at;
			shared = true;
		}
	}
	detail->shares_bytes = shared;
	return true;
}
