/* SPDX-License-Identifier: MIT */
/* Which entry runs a file: check_file() and the order of its list walk. */
#include "entry.h"

#include <string.h>

unsigned char entry_byte_rule(const struct binfmt_entry *e, size_t at, unsigned char *value)
{
	*value = 0;
	if (e->type != ENTRY_MAGIC || at < (size_t)e->offset || at >= (size_t)e->offset + e->size)
		return 0;
	size_t j = at - (size_t)e->offset;
	unsigned char mask = e->has_mask ? e->mask[j] : 0xff;
	*value = e->magic[j] & mask;
	return mask;
}

bool entry_byte_accepts(const struct binfmt_entry *e, size_t at, unsigned char byte)
{
	unsigned char want;
	unsigned char mask = entry_byte_rule(e, at, &want);

	/* check_file(): (byte ^ magic) & mask; magic bits under a zero mask
	 * never count. */
	return ((byte ^ want) & mask) == 0;
}

size_t entry_rejected_bytes(const struct binfmt_entry *e, const unsigned char *head, size_t len,
			    size_t *first)
{
	size_t count = 0;

	for (size_t at = (size_t)e->offset; at < (size_t)e->offset + e->size; at++) {
		if (entry_byte_accepts(e, at, at < len ? head[at] : 0))
			continue;
		if (count++ == 0)
			*first = at;
	}
	return count;
}

bool entry_match(const struct binfmt_entry *e, const unsigned char *head, size_t head_len,
		 const char *filename)
{
	if (!e->enabled)
		return false;

	if (e->type == ENTRY_EXTENSION) {
		/* strrchr(bprm->interp, '.') on the whole path, as given. */
		const char *dot = filename ? strrchr(filename, '.') : NULL;
		return dot && strcmp(e->extension, dot + 1) == 0;
	}

	/* prepare_binprm() zero-fills bprm->buf before reading the file, so
	 * bytes past the end of a short file compare as zero. */
	for (size_t at = (size_t)e->offset; at < (size_t)e->offset + e->size; at++)
		if (!entry_byte_accepts(e, at, at < head_len ? head[at] : 0))
			return false;
	return true;
}

int entry_pick(const struct binfmt_entry *entries, size_t count, const unsigned char *head,
	       size_t head_len, const char *filename)
{
	for (size_t i = count; i-- > 0;)
		if (entry_match(&entries[i], head, head_len, filename))
			return (int)i;
	return -1;
}

bool entry_same_rule(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	if (a->type != b->type || a->flags != b->flags || a->enabled != b->enabled ||
	    strcmp(a->interpreter, b->interpreter) != 0)
		return false;
	if (a->type == ENTRY_EXTENSION)
		return strcmp(a->extension, b->extension) == 0;
	if (a->offset != b->offset || a->size != b->size || a->has_mask != b->has_mask)
		return false;
	if (memcmp(a->magic, b->magic, a->size) != 0)
		return false;
	return !a->has_mask || memcmp(a->mask, b->mask, a->size) == 0;
}
