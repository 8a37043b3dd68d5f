/* SPDX-License-Identifier: MIT */
#ifndef QBINFMT_ENTRY_OVERLAP_H
#define QBINFMT_ENTRY_OVERLAP_H

#include "entry.h"

struct entry_overlap {
	bool shares_bytes;  /* both constrain some header bytes */
	size_t first, last; /* ...from first to last (inclusive) */
	size_t conflict_at; /* when they cannot both match: a byte where they differ */
};

/* True when some file matches both a and b (enabled state aside). */
bool entry_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b,
		   struct entry_overlap *detail);

#endif
