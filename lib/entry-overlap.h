/* SPDX-License-Identifier: MIT */
/* Can one file match two entries?  Decided from the rules alone. */
#ifndef QBINFMT_ENTRY_OVERLAP_H
#define QBINFMT_ENTRY_OVERLAP_H

#include "entry.h"

/* True when some file matches both a and b (enabled state aside). */
bool entry_overlap(const struct binfmt_entry *a, const struct binfmt_entry *b);

#endif
