/* SPDX-License-Identifier: MIT */
/*
 * Pairs of entries one file can match, decided from masks and magics
 * (entry_overlap()), never by trying files.  The kernel picks the newer of
 * the two; when the newer one matches every file the older one does, the
 * older is never picked at all.  Pairs of a magic and an extension entry
 * overlap for any file named *.EXT and are not reported.
 */
#include "lint-internal.h"

#include "emulators.h"

#include "entry-overlap.h"

#include <stdio.h>
#include <string.h>

/* Does `newer` match every file `older` matches? */
static bool covers(const struct binfmt_entry *newer, const struct binfmt_entry *older)
{
	if (newer->type != older->type)
		return false;
	if (newer->type == ENTRY_EXTENSION)
		return strcmp(newer->extension, older->extension) == 0;
	for (size_t at = 0; at < BINFMT_HEADER_SIZE; at++) {
		unsigned char vn, vo;
		unsigned char cn = entry_byte_rule(newer, at, &vn);
		unsigned char co = entry_byte_rule(older, at, &vo);
		/* Every bit the newer one pins, the older pins to the same value. */
		if ((cn & ~co) || ((vn ^ vo) & cn))
			return false;
	}
	return true;
}

/* A file both match: every bit either entry pins, set as it pins it. */
static size_t example(const struct binfmt_entry *a, const struct binfmt_entry *b,
		      unsigned char *out)
{
	size_t len = 0;

	for (size_t at = 0; at < BINFMT_HEADER_SIZE; at++) {
		unsigned char va, vb;
		unsigned char ca = entry_byte_rule(a, at, &va), cb = entry_byte_rule(b, at, &vb);
		out[at] = (unsigned char)((va & ca) | (vb & cb));
		if (ca | cb)
			len = at + 1;
	}
	return len;
}

static bool never_matches(const struct binfmt_entry *e)
{
	return e->type == ENTRY_EXTENSION && strchr(e->extension, '.');
}

/* "bytes 0-7, 9-19" of the header bytes where both entries constrain some
 * bit; "no byte" if none. */
static void lint_byte_ranges(const struct binfmt_entry *a, const struct binfmt_entry *b, char *out,
			     size_t size)
{
	size_t used = 0;
	int n;

	out[0] = '\0';
	for (size_t at = 0; at < BINFMT_HEADER_SIZE; at++) {
		unsigned char va, vb;
		if (!(entry_byte_rule(a, at, &va) & entry_byte_rule(b, at, &vb)))
			continue;
		size_t last = at;
		while (last + 1 < BINFMT_HEADER_SIZE &&
		       (entry_byte_rule(a, last + 1, &va) & entry_byte_rule(b, last + 1, &vb)))
			last++;
		if (last == at)
			n = snprintf(out + used, size - used, "%s%zu", used ? "," : "bytes ", at);
		else
			n = snprintf(out + used, size - used, "%s%zu-%zu", used ? "," : "bytes ",
				     at, last);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
		at = last;
	}
	if (!used)
		snprintf(out, size, "no byte");
	else if (!strpbrk(out, ",-"))
		memmove(out + 4, out + 5, strlen(out + 5) + 1); /* "bytes 7" -> "byte 7" */
}

void lint_pairs(const struct table *t, struct lint_report *r)
{
	for (size_t newer = 0; newer < t->count; newer++) {
		const struct table_entry *n = &t->items[newer];
		for (size_t older = 0; older < newer; older++) {
			const struct table_entry *o = &t->items[older];
			struct lint_finding *f;
			char bytes[160];

			if (n->entry.type != o->entry.type || never_matches(&n->entry) ||
			    never_matches(&o->entry))
				continue;
			if (!entry_overlap(&n->entry, &o->entry))
				continue;
			lint_byte_ranges(&n->entry, &o->entry, bytes, sizeof(bytes));
			if (n->entry.type == ENTRY_EXTENSION)
				snprintf(bytes, sizeof(bytes), "extension \"%.64s\"",
					 n->entry.extension);
			/* Two emulators for the same files: which takes them. */
			const struct emulator *mine = emulator_of(&n->entry),
					      *theirs = emulator_of(&o->entry);
			char takes[96] = "";
			if (mine && theirs && mine != theirs)
				snprintf(takes, sizeof(takes), ": %s takes them from %s",
					 mine->name, theirs->name);
			if (covers(&n->entry, &o->entry))
				f = lint_add(
				    r, t, LINT_ERROR, LINT_SHADOWED, newer,
				    "%.64s (%.96s:%d) is never picked: this entry, registered later, matches every file it matches (both constrain %s and agree there)%s",
				    o->entry.name, o->source, o->line, bytes, takes);
			else
				f = lint_add(
				    r, t, LINT_ERROR, LINT_OVERLAP, newer,
				    "some files match both this entry and %.64s (%.96s:%d): they agree on every bit both constrain (%s); the kernel picks this one, registered later%s",
				    o->entry.name, o->source, o->line, bytes, takes);
			if (f) {
				f->other = older;
				if (n->entry.type == ENTRY_MAGIC)
					f->example_len = example(&n->entry, &o->entry, f->example);
			}
		}
	}
}
