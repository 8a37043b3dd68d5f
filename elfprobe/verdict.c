/* SPDX-License-Identifier: MIT */
#include "verdict.h"

const struct target *verdict_expected(const struct probe_header *h, const struct host *host,
				      bool host_native)
{
	const struct target *t = target_for_elf(h->elf_class, h->elf_data, h->machine, h->flags);

	if (t && host_native && host_runs_natively(host, t))
		return NULL;
	return t;
}

void verdict_decide(const struct table *t, const struct probe_header *h, const char *path,
		    const struct target *expected, struct verdict_detail *d)
{
	d->expected = expected;
	d->match_count =
	    table_matches(t, h->head, h->head_len, path, d->matches, VERDICT_MAX_MATCHES);
	if (d->match_count > 1)
		d->verdict = VERDICT_AMBIGUOUS;
	else if (d->match_count == 0)
		d->verdict = expected ? VERDICT_UNMATCHED : VERDICT_OK;
	else if (!expected)
		d->verdict = VERDICT_WRONG;
	else
		d->verdict =
		    t->items[d->matches[0]].target == expected ? VERDICT_OK : VERDICT_WRONG;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_OK:
		return "ok";
	case VERDICT_UNMATCHED:
		return "unmatched";
	case VERDICT_WRONG:
		return "wrong";
	case VERDICT_AMBIGUOUS:
		return "ambiguous";
	}
	return "?";
}
