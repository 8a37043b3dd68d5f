/* SPDX-License-Identifier: MIT */
/* Can one file match two entries?  Decided from the rules themselves, not
 * by trying files: every header byte can be chosen freely, so two magic
 * rules clash only where both masks constrain a bit and the magics differ. */
#include "entry-overlap.h"

#include <string.h>

bool entry_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	if (a->type == ENTRY_EXTENSION && b->type == ENTRY_EXTENSION)
		return strcmp(a->extension, b->extension) == 0;
	/* A file named *.EXT may hold any bytes at all. */
	if (a->type == ENTRY_EXTENSION || b->type == ENTRY_EXTENSION)
		return true;

	for (size_t at = 0; at < BINFMT_HEADER_SIZE; at++) {
		unsigned char va = 0, vb = 0;
		unsigned char both = entry_byte_rule(a, at, &va) & entry_byte_rule(b, at, &vb);
		if ((va ^ vb) & both)
			return false;
	}
	return true;
}
