/* SPDX-License-Identifier: MIT */
/*
 * Entries that turn away headers real binaries of their target carry
 * (lib/elf-samples.h): an EI_OSABI besides 0 and 3 (ARM's old ABI,
 * FDPIC), an EI_ABIVERSION (MIPS above all), e_flags values a table keys
 * on.  One finding per entry and field, naming each value rejected and
 * the binaries that carry it.  e_type and OSABI 0 and 3 have passes of
 * their own (lint-entry.c).
 */
#include "lint-internal.h"

#include "elf-fields.h"
#include "elf-samples.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

enum real_field {
	REAL_OSABI,
	REAL_ABIVERSION,
	REAL_FLAGS,
	REAL_FIELDS,
};

#define MAX_VALUES 16

/* What one entry rejects in one field. */
struct rejected {
	size_t count;
	uint32_t values[MAX_VALUES];
	const struct elf_variant *first[MAX_VALUES]; /* the first row with each value */
	enum elf_variant_reach worst;
	const struct target *targets[4]; /* those it was found for, the first named */
	size_t target_count;
};

static uint32_t value_in(enum real_field field, const struct elf_sample *s)
{
	switch (field) {
	case REAL_OSABI:
		return s->osabi;
	case REAL_ABIVERSION:
		return s->abiversion;
	case REAL_FLAGS:
	case REAL_FIELDS:
		break;
	}
	return s->flags;
}

/* The field byte `at` of t's header falls in, or REAL_FIELDS for one the
 * other passes cover (e_type, e_machine...). */
static enum real_field field_at(size_t at, const struct target *t)
{
	size_t flags_at = elf_flags_offset(t->elf_class);

	if (at == EI_OSABI)
		return REAL_OSABI;
	if (at == EI_ABIVERSION)
		return REAL_ABIVERSION;
	if (at >= flags_at && at < flags_at + 4)
		return REAL_FLAGS;
	return REAL_FIELDS;
}

static void note(struct rejected *r, const struct elf_variant *v, const struct target *t,
		 uint32_t value)
{
	if (r->count == 0 || v->reach > r->worst)
		r->worst = v->reach;
	for (size_t i = 0;; i++) {
		if (i == r->target_count) {
			if (i < sizeof(r->targets) / sizeof(r->targets[0]))
				r->targets[r->target_count++] = t;
			break;
		}
		if (r->targets[i] == t)
			break;
	}
	for (size_t i = 0; i < r->count; i++)
		if (r->values[i] == value)
			return;
	if (r->count < MAX_VALUES) {
		r->values[r->count] = value;
		r->first[r->count] = v;
		r->count++;
	}
}

/*
 * Does the entry take variant v of t's binaries?  It is tried on each
 * common variant (e_type, OSABI) the entry takes for t and v allows; when
 * it takes none of them, the other passes have said why.  *first is the
 * first byte it rejects.
 */
static bool takes(const struct binfmt_entry *e, const struct target *t, const struct elf_variant *v,
		  bool *applies, size_t *first)
{
	unsigned char head[BINFMT_HEADER_SIZE];

	*applies = false;
	for (size_t i = 0; i < ELF_COMMON_VARIANTS; i++) {
		const struct elf_sample *c = &elf_common_variants[i];
		if (v->type && c->type != v->type)
			continue;
		if (elf_sample_gnu_only(t) && c->osabi != ELFOSABI_GNU)
			continue;
		struct elf_sample usual = elf_sample_usual(t, c->type, c->osabi);
		size_t len = elf_sample_header(t, &usual, head);
		if (!entry_match(e, head, len, "sample"))
			continue;
		struct elf_sample s = elf_variant_apply(v, usual);
		len = elf_sample_header(t, &s, head);
		size_t at = 0;
		if (entry_rejected_bytes(e, head, len, &at) == 0)
			return true;
		if (!*applies)
			*first = at;
		*applies = true;
	}
	return false;
}

static enum lint_severity severity_of(enum elf_variant_reach reach)
{
	switch (reach) {
	case ELF_REACH_DEFAULT:
		return LINT_ERROR;
	case ELF_REACH_COMMON:
		return LINT_WARNING;
	case ELF_REACH_RARE:
		break;
	}
	return LINT_INFO;
}

/* "must be 0x00 under mask 0xff" for the bits the entry puts on the field
 * (e_flags: the four bytes as one word in t's byte order). */
static void rule_text(const struct binfmt_entry *e, enum real_field field, const struct target *t,
		      char *out, size_t size)
{
	unsigned char value;

	if (field != REAL_FLAGS) {
		unsigned char mask =
		    entry_byte_rule(e, field == REAL_OSABI ? EI_OSABI : EI_ABIVERSION, &value);
		snprintf(out, size, "0x%02x under mask 0x%02x", value, mask);
		return;
	}
	size_t at = elf_flags_offset(t->elf_class);
	uint32_t word = 0, mask = 0;
	for (size_t i = 0; i < 4; i++) {
		size_t byte = t->elf_data == ELFDATA2MSB ? at + i : at + 3 - i;
		unsigned char m = entry_byte_rule(e, byte, &value);
		word = word << 8 | value;
		mask = mask << 8 | m;
	}
	snprintf(out, size, "0x%08x under mask 0x%08x", word, mask);
}

static void report(const struct table *t, size_t i, enum real_field field,
		   const struct rejected *rj, struct lint_report *r)
{
	static const enum lint_kind kinds[REAL_FIELDS] = {
	    [REAL_OSABI] = LINT_REJECTS_OSABI,
	    [REAL_ABIVERSION] = LINT_REJECTS_ABIVERSION,
	    [REAL_FLAGS] = LINT_REJECTS_E_FLAGS,
	};
	static const char *const names[REAL_FIELDS] = {
	    [REAL_OSABI] = "byte 7 (EI_OSABI)",
	    [REAL_ABIVERSION] = "byte 8 (EI_ABIVERSION)",
	    [REAL_FLAGS] = NULL,
	};
	const struct binfmt_entry *e = &t->items[i].entry;
	const struct target *first = rj->targets[0];
	char where[40], rule[48], whose[80], list[sizeof(((struct lint_finding *)0)->message)];
	size_t used = 0;

	whose[0] = '\0';
	for (size_t k = 0; k < rj->target_count; k++) {
		size_t at = strlen(whose);
		snprintf(whose + at, sizeof(whose) - at, "%s%s",
			 k == 0			     ? ""
			 : k + 1 == rj->target_count ? " and "
						     : ", ",
			 rj->targets[k]->name);
	}
	if (field == REAL_FLAGS) {
		size_t at = elf_flags_offset(first->elf_class);
		snprintf(where, sizeof(where), "e_flags (bytes %zu-%zu)", at, at + 3);
	} else {
		snprintf(where, sizeof(where), "%s", names[field]);
	}
	rule_text(e, field, first, rule, sizeof(rule));
	list[0] = '\0';
	for (size_t k = 0; k < rj->count; k++) {
		int n = field == REAL_FLAGS
			    ? snprintf(list + used, sizeof(list) - used, "%s0x%08x for %s",
				       k ? "; " : "", rj->values[k], rj->first[k]->binaries)
			    : snprintf(list + used, sizeof(list) - used, "%s%u for %s",
				       k ? "; " : "", rj->values[k], rj->first[k]->binaries);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	lint_add(r, t, severity_of(rj->worst), kinds[field], i,
		 "%s must be %s: it rejects %s real %s binaries carry: %s", where, rule,
		 rj->count == 1 ? "a value" : "values", whose, list);
}

void lint_real_headers(const struct table *t, struct lint_report *r)
{
	for (size_t i = 0; i < t->count; i++) {
		struct binfmt_entry e = t->items[i].entry;
		const struct target *named = t->items[i].target;
		struct rejected rejected[REAL_FIELDS];

		if (!lint_targets_elf(&e))
			continue;
		e.enabled = true; /* what it would do once enabled */
		memset(rejected, 0, sizeof(rejected));
		/* The target it is named for first: the findings name it. */
		for (size_t k = 0; k <= target_count; k++) {
			const struct target *tg = k == 0 ? named : &targets[k - 1];
			if (!tg || (k > 0 && tg == named) || !elf_sample_matches(&e, tg))
				continue;
			for (size_t j = 0; j < elf_variant_count; j++) {
				const struct elf_variant *v = &elf_variants[j];
				bool applies;
				size_t at = 0;
				if (!elf_variant_of(v, tg) || takes(&e, tg, v, &applies, &at) ||
				    !applies)
					continue;
				enum real_field field = field_at(at, tg);
				if (field == REAL_FIELDS)
					continue;
				struct elf_sample s =
				    elf_variant_apply(v, elf_sample_usual(tg, ET_DYN, 0));
				note(&rejected[field], v, tg, value_in(field, &s));
			}
		}
		for (size_t f = 0; f < REAL_FIELDS; f++)
			if (rejected[f].count)
				report(t, i, (enum real_field)f, &rejected[f], r);
	}
}
